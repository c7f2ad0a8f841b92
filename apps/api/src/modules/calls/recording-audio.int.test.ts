import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';
import { bearer, createTestTenant, type TestTenant } from '../../../test/helpers';
import { callRecords } from '../../db/schema/index';
import { PRINCIPAL_TTL_MS } from '../auth/principal-cache';

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

  it('HEAD answers the same headers without audio (and is not a listen)', async () => {
    const res = await lab.t.app.inject({
      method: 'HEAD',
      url: audioUrl(id),
      headers: bearer(lab.tenant.supervisor.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(Number(res.headers['content-length'])).toBe(wav.length);
    expect(res.rawPayload.length).toBe(0);
    const part = await lab.t.app.inject({
      method: 'HEAD',
      url: audioUrl(id),
      headers: { ...bearer(lab.tenant.supervisor.token), range: 'bytes=0-9' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${wav.length}`);
    expect(part.headers['content-length']).toBe('10');
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

  it("403 FEATURE_DISABLED when the tenant's recording feature is off", async () => {
    const set = async (on: boolean) => {
      await lab.t.app.container.db.execute(
        sql`UPDATE tenants SET features = JSON_SET(features, '$.recording', ${on ? sql`true` : sql`false`}) WHERE id = ${lab.tenant.tenantId}`,
      );
      // Who a token belongs to (permissions, features) is cached for a moment.
      await new Promise((r) => setTimeout(r, PRINCIPAL_TTL_MS + 100));
    };
    await set(false);
    try {
      const res = await get(id, lab.tenant.supervisor.token);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FEATURE_DISABLED');
    } finally {
      await set(true);
    }
    expect((await get(id, lab.tenant.supervisor.token, { range: 'bytes=0-0' })).statusCode).toBe(206);
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
    // 1 whole + 4 ranges + 3 ignored ranges + 1 after the feature came back (supervisor), 1 by the
    // admin; not the HEADs, the 416, 403s or 404s.
    expect(entries).toHaveLength(10);
    expect(entries.every((e) => e.entity_type === 'call' && e.after.recording_ref === ref)).toBe(true);
    expect(entries.filter((e) => e.actor_id === lab.tenant.admin.id)).toHaveLength(1);
    expect(
      entries
        .filter((e) => e.after.status === 206)
        .map((e) => e.after.range)
        .sort(),
    ).toEqual(['bytes=-10', 'bytes=0-43', 'bytes=44-', `bytes=100-${wav.length + 500}`, 'bytes=0-0'].sort());
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

  it('503 naming the phone system while it is disconnected', async () => {
    lab.sim.dropSockets();
    await lab.waitFor(
      async () => lab.t.app.container.telephony.status().status !== 'connected',
      'the ARI connection to drop',
      2000,
    );
    // The client reconnects after ≥125 ms (jittered backoff): this request comes before.
    const res = await get(id, lab.tenant.supervisor.token);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/^Phone system "default" is not connected/),
    });
    await lab.waitFor(
      async () => lab.t.app.container.telephony.status().status === 'connected',
      'reconnected',
    );
  });

  it('503 naming the phone system when the one that owns the call is not configured here', async () => {
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
