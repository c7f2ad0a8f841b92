import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../ari/testing/traces';
import { startSimulatorWithClient } from '../test-kit';

/**
 * How Asterisk 22.10.1 serves a stored recording's file (`GET /recordings/stored/{name}/file`), as
 * answered to test/asterisk/queue.asterisk.ts 'recording on a DID' (CAPTURE_STORED_FILE wrote
 * fixtures/stored-recording-file.json): the whole file with 200, `audio/wav`, its length, the
 * headers its HTTP server puts on every answer, a Range header ignored (still 200, the whole file,
 * no Content-Range, no Accept-Ranges), and 404 `{"message":"Recording not found"}` for a name it
 * does not have. The simulator must answer the same.
 */
type Answer = {
  status: number;
  headers: Record<string, string>;
  body_bytes?: number;
  header_hex?: string;
  body_text?: string;
};
const recorded = JSON.parse(readFileSync(join(fixturesDir, 'stored-recording-file.json'), 'utf8')) as {
  recording: { name: string; format: string; duration: number };
  whole: Answer;
  range_0_99: Answer;
  missing: Answer;
};

/** Header names, and the values that do not depend on the file or the clock. */
const shape = (headers: Record<string, string>) => ({
  names: Object.keys(headers)
    .map((n) => n.toLowerCase())
    .filter((n) => !['connection', 'keep-alive', 'transfer-encoding'].includes(n))
    .sort(),
  fixed: Object.fromEntries(
    Object.entries(headers).filter(([n]) =>
      ['content-type', 'cache-control', 'server', 'content-range', 'accept-ranges'].includes(n.toLowerCase()),
    ),
  ),
});

let harness: Awaited<ReturnType<typeof startSimulatorWithClient>> | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('stored recording files, as Asterisk 22 serves them', () => {
  it('the whole file, a Range request and a missing name answer as recorded', async () => {
    harness = await startSimulatorWithClient({ timeScale: 0.05 });
    const h = harness;
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const bridge = await h.client.bridges.create({ type: 'mixing' });
    await h.client.bridges.addChannel(bridge.id, { channel: caller.id });
    const name = 'call-conformance';
    await h.client.bridges.record(bridge.id, {
      name,
      format: 'wav',
      maxDurationSeconds: recorded.recording.duration,
      ifExists: 'overwrite',
    });
    const finished = await h.nextEvent('RecordingFinished');
    expect(finished.recording.duration).toBe(recorded.recording.duration);

    const auth = {
      authorization: `Basic ${Buffer.from(`${h.sim.username}:${h.sim.password}`).toString('base64')}`,
    };
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${h.sim.url}/ari${path}`, { headers: { ...auth, ...headers } });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: Object.fromEntries(res.headers), body };
    };

    const whole = await get(`/recordings/stored/${name}/file`);
    expect(whole.status).toBe(recorded.whole.status);
    expect(shape(whole.headers)).toEqual(shape(recorded.whole.headers));
    expect(Number(whole.headers['content-length'])).toBe(whole.body.length);
    // The same 44-byte header layout (8 kHz 16-bit mono PCM); lengths follow the audio recorded.
    const header = Buffer.from(recorded.whole.header_hex!, 'hex');
    const layout = (b: Buffer) => [b.subarray(0, 4), b.subarray(8, 40)].map((x) => x.toString('hex'));
    expect(layout(whole.body)).toEqual(layout(header));
    expect(whole.body.readUInt32LE(4)).toBe(whole.body.length - 8);
    expect(whole.body.readUInt32LE(40)).toBe(whole.body.length - 44);
    // Asterisk's duration is the whole seconds of audio written (16 bytes per ms at 8 kHz).
    expect(Math.floor((whole.body.length - 44) / 16_000)).toBe(recorded.recording.duration);
    expect(Math.floor((recorded.whole.body_bytes! - 44) / 16_000)).toBe(recorded.recording.duration);

    const ranged = await get(`/recordings/stored/${name}/file`, { range: 'bytes=0-99' });
    expect(ranged.status).toBe(recorded.range_0_99.status);
    expect(shape(ranged.headers)).toEqual(shape(recorded.range_0_99.headers));
    expect(ranged.body.equals(whole.body)).toBe(true);

    const missing = await get(`/recordings/stored/no-such-${name}/file`);
    expect(missing.status).toBe(recorded.missing.status);
    expect(shape(missing.headers)).toEqual(shape(recorded.missing.headers));
    expect(missing.body.toString('utf8')).toBe(recorded.missing.body_text);
  });
});
