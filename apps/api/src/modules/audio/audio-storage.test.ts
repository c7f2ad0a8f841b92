import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createLocalFileStorage, UploadTooLarge, type FileStorage } from './audio-storage';
import { detectAudioType } from './audio-format';

let root: string;
let storage: FileStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sb-storage-'));
  storage = createLocalFileStorage(root);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const dirOf = (key: string) => path.join(root, path.dirname(key));

describe('local file storage', () => {
  it('receives, commits under the final key and removes', async () => {
    const got = await storage.receive('t1/audio/a', Readable.from([Buffer.from('OggS'), Buffer.from('rest')]), 100);
    expect(got).toMatchObject({ size: 8, head: Buffer.from('OggSrest') });
    await storage.commit('t1/audio/a', 't1/audio/a.ogg');
    expect(await readFile(path.join(root, 't1/audio/a.ogg'), 'latin1')).toBe('OggSrest');
    await storage.remove('t1/audio/a.ogg');
    expect(await readdir(dirOf('t1/audio/a'))).toEqual([]);
  });

  it('stops at the limit and when the client goes away, leaving no partial file', async () => {
    await expect(storage.receive('t1/audio/big', Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).rejects.toBeInstanceOf(
      UploadTooLarge,
    );
    const aborted = new Readable({ read() {} });
    aborted.push(Buffer.alloc(10));
    setTimeout(() => aborted.destroy(), 10);
    await expect(storage.receive('t1/audio/gone', aborted, 100)).rejects.toThrow();
    expect(await readdir(dirOf('t1/audio/big'))).toEqual([]);
  });

  it('refuses keys that could leave the root', async () => {
    for (const key of ['../x', 't1/../../x', '/etc/passwd', 't1/audio/a b', 't1\\x']) {
      await expect(storage.receive(key, Readable.from([]), 10), key).rejects.toThrow(/Unsafe storage key|escapes/);
    }
  });
});

describe('detectAudioType', () => {
  it('knows WAV, Ogg, ID3 and MPEG frames and nothing else', () => {
    expect(detectAudioType(Buffer.from('RIFF\x24\x00\x00\x00WAVE', 'latin1'))).toBe('audio/wav');
    expect(detectAudioType(Buffer.from('RIFF\x24\x00\x00\x00AVI ', 'latin1'))).toBeNull();
    expect(detectAudioType(Buffer.from('OggS\x00', 'latin1'))).toBe('audio/ogg');
    expect(detectAudioType(Buffer.from('ID3\x03', 'latin1'))).toBe('audio/mpeg');
    expect(detectAudioType(Buffer.from([0xff, 0xfb, 0x90]))).toBe('audio/mpeg');
    expect(detectAudioType(Buffer.from([0xff, 0xff, 0xff]))).toBeNull();
    expect(detectAudioType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(detectAudioType(Buffer.from('%PDF-1.7'))).toBeNull();
  });
});
