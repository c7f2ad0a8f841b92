import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { RowDataPacket } from 'mysql2/promise';
import { AUDIO_MAX_BYTES } from '@switchboard/contracts';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'sb-audio-'));
  t = await createTestApp({ env: { STORAGE_DIR: storageDir } });
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => {
  await t?.close();
  await rm(storageDir, { recursive: true, force: true });
});

/** A valid 8 kHz mono 16-bit PCM WAV of `dataBytes` bytes of silence. */
function wav(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([h, Buffer.alloc(dataBytes)]);
}
const mp3Frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(400)]);
const id3 = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), mp3Frame]);
const ogg = Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), Buffer.alloc(200)]);

async function upload(token: string, body: Buffer | Readable, type = 'audio/wav', name = 'Welcome') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/audio?name=${encodeURIComponent(name)}`,
    headers: { ...bearer(token), 'content-type': type },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}
async function call(token: string, method: 'GET' | 'DELETE', url: string) {
  return t.app.inject({ method, url, headers: bearer(token) });
}
const q = async (sql: string, params: unknown[] = []) => (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
async function filesOf(tenantId: string) {
  return readdir(path.join(storageDir, tenantId, 'audio')).catch(() => [] as string[]);
}

describe('audio upload', () => {
  it('stores WAV, MP3 and Ogg by their magic bytes under generated keys', async () => {
    const body = wav(1600);
    const res = await upload(a.admin.token, body);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'Welcome',
      content_type: 'audio/wav',
      size_bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(await filesOf(a.tenantId)).toEqual([`${res.body.data.id}.wav`]);
    expect((await upload(a.admin.token, id3, 'audio/mpeg', 'Tagged')).body.data.content_type).toBe('audio/mpeg');
    expect((await upload(a.admin.token, mp3Frame, 'audio/mpeg', 'Frame')).body.data.content_type).toBe('audio/mpeg');
    // The stored type is what the bytes are, not what the client claimed.
    expect((await upload(a.admin.token, ogg, 'audio/wav', 'Ogg in disguise')).body.data.content_type).toBe('audio/ogg');
    const actions = await q("SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'audio.upload'", [a.tenantId]);
    expect(Number(actions[0]!.n)).toBe(4);
  });

  it('refuses content that is not audio, whatever its content type says (U2)', async () => {
    const before = await filesOf(a.tenantId);
    for (const fake of [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x00]), // AAC/ADTS, not MPEG audio
      Buffer.alloc(0),
    ]) {
      const res = await upload(a.admin.token, fake);
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields[0].path).toBe('body');
    }
    expect(await filesOf(a.tenantId)).toEqual(before);
  });

  it('asks for an audio content type, naming the header', async () => {
    const res = await upload(a.admin.token, Buffer.from('{}'), 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].path).toBe('headers.content-type');
    const noName = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audio',
      headers: { ...bearer(a.admin.token), 'content-type': 'audio/wav' },
      payload: wav(10),
    });
    expect(noName.statusCode).toBe(400);
  });

  it('answers 413 past the size limit, also without a Content-Length, leaving nothing behind (U1)', async () => {
    const before = await filesOf(a.tenantId);
    const declared = await upload(a.admin.token, wav(AUDIO_MAX_BYTES));
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const chunk = wav(64 * 1024);
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(sent > AUDIO_MAX_BYTES * 2 ? null : chunk);
      },
    });
    const streamed = await upload(a.admin.token, endless);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(AUDIO_MAX_BYTES * 2);
    expect(await filesOf(a.tenantId)).toEqual(before);
  });

  it("enforces the tenant's storage quota (U6)", async () => {
    const c = await createTestTenant(t.app);
    await q("UPDATE tenants SET limits = JSON_SET(limits, '$.storage_mb', 1) WHERE id = ?", [c.tenantId]);
    expect((await upload(c.admin.token, wav(600 * 1024))).status).toBe(201);
    const over = await upload(c.admin.token, wav(600 * 1024));
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 'storage_mb' } });
    const streamedOver = await upload(c.admin.token, Readable.from([wav(600 * 1024)]));
    expect(streamedOver.status).toBe(409);
    expect(await filesOf(c.tenantId)).toHaveLength(1);
    const usage = await t.app.inject({ method: 'GET', url: '/api/v1/tenant/usage', headers: bearer(c.admin.token) });
    expect(usage.json().data.storage_mb).toEqual({ used: 1, limit: 1 });
  });

  it('ignores path tricks in the name: the key is generated (U3)', async () => {
    // Bidi overrides and NUL are refused by the text rule (I1); path characters are fine in a name.
    const hostile = await upload(a.admin.token, wav(10), 'audio/wav', '../../../etc/passwd\u202e\u0000x');
    expect(hostile.status).toBe(400);
    expect(JSON.stringify(hostile.body)).toContain('querystring.name');
    const res = await upload(a.admin.token, wav(10), 'audio/wav', '../../../etc/passwd x');
    expect(res.status).toBe(201);
    const [row] = await q('SELECT storage_key FROM audio_files WHERE id = ?', [res.body.data.id]);
    expect(row!.storage_key).toBe(`${a.tenantId}/audio/${res.body.data.id}.wav`);
    const download = await call(a.admin.token, 'GET', `/api/v1/audio/${res.body.data.id}/content`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9 ._-]+\.wav"; filename\*=UTF-8''/);
  });
});

describe('audio download, list and delete', () => {
  it('downloads as an attachment with nosniff and the stored bytes (U4)', async () => {
    const body = wav(3200);
    const id = (await upload(a.admin.token, body, 'audio/wav', 'Grüße')).body.data.id;
    const res = await call(a.supervisor.token, 'GET', `/api/v1/audio/${id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Gr__e.wav"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.wav`);
    expect(res.rawPayload.equals(body)).toBe(true);
  });

  it("lists, reads metadata and deletes; another tenant's file is 404 (U5)", async () => {
    const id = (await upload(a.admin.token, wav(10), 'audio/wav', 'Short beep')).body.data.id;
    const list = await call(a.admin.token, 'GET', '/api/v1/audio?search=beep');
    expect(list.json().data.map((f: { id: string }) => f.id)).toEqual([id]);
    expect((await call(a.admin.token, 'GET', `/api/v1/audio/${id}`)).json().data.name).toBe('Short beep');
    const theirs = (await upload(b.admin.token, wav(10))).body.data.id;
    for (const url of [`/api/v1/audio/${theirs}`, `/api/v1/audio/${theirs}/content`]) {
      expect((await call(a.admin.token, 'GET', url)).statusCode).toBe(404);
    }
    expect((await call(a.admin.token, 'DELETE', `/api/v1/audio/${theirs}`)).statusCode).toBe(404);
    expect(await filesOf(b.tenantId)).toEqual([`${theirs}.wav`]);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/audio/${id}`)).statusCode).toBe(200);
    expect(await filesOf(a.tenantId)).not.toContain(`${id}.wav`);
    expect((await call(a.admin.token, 'GET', `/api/v1/audio/${id}`)).statusCode).toBe(404);
  });

  it('needs ivr.write to upload and ivr.read to list', async () => {
    expect((await upload(a.supervisor.token, wav(10))).status).toBe(403);
    expect((await call(a.agent.token, 'GET', '/api/v1/audio')).statusCode).toBe(403);
  });
});
