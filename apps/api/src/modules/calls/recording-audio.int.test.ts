import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';
import { bearer, createTestTenant, type TestTenant } from '../../../test/helpers';
import { callRecords } from '../../db/schema/index';

/**
 * Issue 8: a recorded call's audio through the API, `GET /api/v1/calls/:id/recording/audio`,
 * streamed from the ARI simulator standing in for the Asterisk that recorded it.
 */
let lab: CallLab;
let other: TestTenant;
let recordedDid: string;
beforeAll(async () => {
  lab = await createCallLab({ agents: 1, queue: { strategy: 'ringall', wrapup_seconds: 0 } });
  other = await createTestTenant(lab.t.app);
  recordedDid = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const d = await lab.api('POST', '/api/v1/dids', lab.tenant.admin.token, {
    number: recordedDid,
    destination: { type: 'queue', queue_id: lab.queueId },
    recording_enabled: true,
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
});
afterAll(async () => lab?.close());

const audioUrl = (id: string) => `/api/v1/calls/${id}/recording/audio`;
const get = (id: string, token: string, headers: Record<string, string> = {}) =>
  lab.t.app.inject({ method: 'GET', url: audioUrl(id), headers: { ...bearer(token), ...headers } });

/** One answered call to `did`, connected for `talkMs` (real ms; the simulator's clock runs ×50). */
async function answeredCall(did: string, caller: string, talkMs = 120) {
  const [agent] = lab.agents;
  await lab.setState(agent!, 'available');
  const call = lab.sim.placeCall({ from: caller, to: did });
  await lab.waitFor(
    async () => (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
    'call connected',
  );
  return {
    call,
    async end() {
      await new Promise((r) => setTimeout(r, talkMs));
      call.hangup();
      const rec = await lab.endedCall(caller);
      await lab.setState(agent!, 'offline');
      return rec;
    },
  };
}

describe('GET /api/v1/calls/:id/recording/audio', () => {
  let id: string;
  let ref: string;
  let wav: Buffer;

  it('streams the WAV of a call recorded on its DID, with its length', async () => {
    const rec = await (await answeredCall(recordedDid, '+15550008001')).end();
    expect(rec).toMatchObject({ recording: true, recording_ref: `call-${rec.id}` });
    id = rec.id;
    ref = rec.recording_ref!;
    const stored = await lab.waitFor(
      async () => lab.sim.core.storedRecordings.get(ref),
      'the stored recording',
    );
    const res = await get(id, lab.tenant.supervisor.token);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${ref}.wav"`);
    wav = res.rawPayload;
    expect(Number(res.headers['content-length'])).toBe(wav.length);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(wav.subarray(36, 40).toString('ascii')).toBe('data');
    expect(wav.readUInt32LE(40)).toBeGreaterThan(0);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    // As on Asterisk: the reported duration is the whole seconds of audio in the file.
    expect(Math.floor((wav.length - 44) / 16_000)).toBe(stored.durationSeconds);
  });

  it('answers a single range with 206 and exactly those bytes', async () => {
    const cases: Array<[string, number, number]> = [
      ['bytes=0-43', 0, 43],
      ['bytes=44-', 44, wav.length - 1],
      ['bytes=-10', wav.length - 10, wav.length - 1],
      [`bytes=100-${wav.length + 500}`, 100, wav.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(id, lab.tenant.supervisor.token, { range });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${wav.length}`);
      expect(Number(res.headers['content-length']), range).toBe(end - start + 1);
      expect(res.rawPayload.equals(wav.subarray(start, end + 1)), range).toBe(true);
    }
    // Several ranges, or one it cannot read, get the whole file; one past the end gets 416.
    for (const range of ['bytes=0-1,5-9', 'items=0-5', 'bytes=9-3']) {
      const res = await get(id, lab.tenant.supervisor.token, { range });
      expect(res.statusCode, range).toBe(200);
      expect(res.rawPayload.equals(wav), range).toBe(true);
    }
    const past = await get(id, lab.tenant.supervisor.token, { range: `bytes=${wav.length}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${wav.length}`);
    expect(past.json()).toMatchObject({ success: false, error: { code: 'RANGE_NOT_SATISFIABLE' } });
  });

  it('needs recordings.listen (admins and supervisors); another tenant gets 404', async () => {
    expect((await get(id, lab.tenant.admin.token)).statusCode).toBe(200);
    const agent = await get(id, lab.agents[0]!.token);
    expect(agent.statusCode).toBe(403);
    expect(agent.json().error.code).toBe('FORBIDDEN');
    for (const token of [other.supervisor.token, other.admin.token]) {
      const res = await get(id, token);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Call not found' });
    }
  });

  it('audits every listen, ranges included, and nothing that sent no audio', async () => {
    const res = await lab.api(
      'GET',
      `/api/v1/audit?action=recording.listen&entity_id=${id}&limit=100`,
      lab.tenant.admin.token,
    );
    expect(res.status).toBe(200);
    const entries = res.body.data as Array<{
      actor_id: string;
      entity_type: string;
      after: { recording_ref: string; range: string | null; status: number };
    }>;
    // 1 whole + 4 ranges + 3 ignored ranges (supervisor), 1 by the admin; not the 416, 403 or 404s.
    expect(entries).toHaveLength(9);
    expect(entries.every((e) => e.entity_type === 'call' && e.after.recording_ref === ref)).toBe(true);
    expect(entries.filter((e) => e.actor_id === lab.tenant.admin.id)).toHaveLength(1);
    expect(
      entries
        .filter((e) => e.after.status === 206)
        .map((e) => e.after.range)
        .sort(),
    ).toEqual(['bytes=-10', 'bytes=0-43', 'bytes=44-', `bytes=100-${wav.length + 500}`].sort());
    const theirs = await lab.api('GET', '/api/v1/audit?action=recording.listen', other.admin.token);
    expect(theirs.body.data).toEqual([]);
  });

  it('404 when the call has no recording, 409 while it is being recorded', async () => {
    const plain = await (await answeredCall(lab.did, '+15550008002', 30)).end();
    expect(plain.recording_ref).toBeNull();
    const none = await get(plain.id, lab.tenant.supervisor.token);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toBe('This call has no recording');

    const live = await answeredCall(recordedDid, '+15550008003');
    const row = await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.caller_number === '+15550008003' && c.recording),
      'recording started',
    );
    const busy = await get(row.id, lab.tenant.supervisor.token);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('still being recorded'),
    });
    await live.end();
    expect((await get(row.id, lab.tenant.supervisor.token)).statusCode).toBe(200);
  });

  it('404 with a clear message when the file is gone from the phone system', async () => {
    const del = await fetch(`${lab.sim.url}/ari/recordings/stored/${ref}`, {
      method: 'DELETE',
      headers: {
        authorization: `Basic ${Buffer.from(`${lab.sim.username}:${lab.sim.password}`).toString('base64')}`,
      },
    });
    expect(del.status).toBe(204);
    const res = await get(id, lab.tenant.supervisor.token);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe(
      `The recording of this call (${ref}) is no longer on phone system "default"`,
    );
  });

  it('503 naming the phone system when the one that owns the call is not connected here', async () => {
    const rec = await (await answeredCall(recordedDid, '+15550008004', 30)).end();
    await lab.t.app.container.db
      .update(callRecords)
      .set({ owner: 'pbx-elsewhere' })
      .where(and(eq(callRecords.tenantId, lab.tenant.tenantId), eq(callRecords.id, rec.id)));
    const res = await get(rec.id, lab.tenant.supervisor.token);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('"pbx-elsewhere"'),
    });
  });
});
