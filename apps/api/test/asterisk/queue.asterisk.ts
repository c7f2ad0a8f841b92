import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterEvent } from '../../src/telephony/router/ports';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, CARRIER_IP, labKit, RUN_DIR, waitFor, type LabKit, sipp, sippMessages, startAsterisk, stopAsterisk } from './lab';

// Queue and IVR behaviour through a real Asterisk: abandon, no answer → next agent, IVR digit →
// queue, recording on a DID. One Asterisk for the file, on the test app's own database.
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];
const events: RouterEvent[] = [];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register } = labKit(t, tenant));
  const trunk = await api('POST', '/api/v1/trunks', tenant.admin.token, { name: 'Carrier', kind: 'ip', host: CARRIER_IP, port: 5070 });
  if (trunk.status !== 201) throw new Error(`creating the trunk: ${trunk.status} ${JSON.stringify(trunk.body)}`);
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
  // Every ARI event the router gets from this Asterisk, to check the orders the router relies on.
  const router = t.app.container.telephony.router();
  const handle = router.handle.bind(router);
  router.handle = (e) => {
    events.push(e);
    return handle(e);
  };
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

const admin = () => tenant.admin.token;
const newDid = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function makeQueue(name: string, members: { user_id: string; penalty: number }[], fields: Record<string, unknown> = {}) {
  const q = await api('POST', '/api/v1/queues', admin(), { name: `${name} ${randomBytes(2).toString('hex')}`, wrapup_seconds: 0, ...fields });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  const m = await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin(), { members });
  expect(m.status, JSON.stringify(m.body)).toBe(200);
  return q.body.data.id as string;
}

async function makeDid(destination: Record<string, unknown>, fields: Record<string, unknown> = {}) {
  const number = newDid();
  const d = await api('POST', '/api/v1/dids', admin(), { number, destination, ...fields });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  return number;
}

/** The call records of one DID once all of them ended. */
const endedRecords = (did: string) =>
  waitFor(async () => {
    const rs = await t.app.container.db.query.callRecords.findMany({ where: (r, { and, eq }) => and(eq(r.tenantId, tenant.tenantId), eq(r.did, did)) });
    return rs.length > 0 && rs.every((r) => r.status === 'ended') && rs;
  }, `the call record of ${did} to end`, 15_000);

const detail = (id: string) =>
  t.app.container.calls.get({ tenantId: tenant.tenantId, userId: tenant.supervisor.id, permissions: new Set(['calls.supervise', 'cdr.read', 'calls.read']) } as never, id);

type TimelineEvent = { type: string; data: Record<string, unknown> | null };
const timeline = async (id: string): Promise<TimelineEvent[]> => {
  const r = await api('GET', `/api/v1/calls/${id}/events?limit=100`, admin());
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data;
};

/** Polls an agent's own state every 100 ms; `seen` in order of first sight. */
function watchState(token: string) {
  const seen: string[] = [];
  const timer = setInterval(() => {
    void api('GET', '/api/v1/agents/me/state', token).then((r) => {
      const s = r.body?.data?.state as string | undefined;
      if (s && seen[seen.length - 1] !== s) seen.push(s);
    });
  }, 100);
  return { seen, stop: () => clearInterval(timer) };
}

const stateOf = async (token: string) => (await api('GET', '/api/v1/agents/me/state', token)).body.data.state as string;

/** SIP requests (but qualify OPTIONS) a sipp phone received, in order, with sipp's timestamps. */
const requestsAt = (scenario: string, port: number) =>
  sippMessages(scenario, port)
    .split(/\n(?=-{20,} )/)
    .filter((m) => /\nUDP message received/.test(m))
    .map((m) => ({ method: /\n([A-Z]+) sip:/.exec(m)?.[1] ?? '', at: Date.parse(/-{20,} (\S+ \S+)/.exec(m)?.[1]?.replace(' ', 'T') ?? '') }))
    .filter((r) => r.method && r.method !== 'OPTIONS');
const requestsSeen = (scenario: string, port: number) => requestsAt(scenario, port).map((r) => r.method);

/** A 8 kHz 16-bit mono PCM WAV tone (Asterisk's format_wav reads exactly this). */
function toneWav(seconds: number, hz = 440): Buffer {
  const samples = Math.round(8000 * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)), 44 + i * 2);
  return wav;
}

describe('a caller abandons a queue on a real Asterisk', () => {
  it.each([
    ['away', '4101'],
    ['offline', '4102'],
  ] as const)('the only agent is %s: the caller hangs up after ~3 s; one record, abandoned, wait ≈ 3 s, no talk; the agent’s phone never rang', async (state, extension) => {
    const agent = await makePhone(extension, { agent: true });
    const queueId = await makeQueue('Abandon', [{ user_id: agent.userId!, penalty: 0 }]);
    const did = await makeDid({ type: 'queue', queue_id: queueId });
    expect((await register(agent)).code).toBe(0);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1000 });
    const watch = watchState(agent.token!);
    try {
      // Not Available (away: logged in; offline: not even logged in; the queue lets callers join empty).
      expect((await api('PUT', '/api/v1/agents/me/state', agent.token!, { state })).status).toBe(200);
      const c = await sipp('caller.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 3000, calls: 1, timeoutS: 20, keys: { caller: `1555010${extension.slice(-1)}` } }).done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await endedRecords(did);
      expect(rows).toHaveLength(1);
      const rec = await detail(rows[0]!.id);
      expect(rec).toMatchObject({ did, queue_id: queueId, disposition: 'abandoned', agent_user_id: null, answered_at: null });
      expect(rec.wait_seconds).toBeGreaterThanOrEqual(1.5);
      expect(rec.wait_seconds).toBeLessThanOrEqual(4.5);
      // Never answered: the product stores no talk time (null), i.e. none.
      expect(rec.talk_seconds ?? 0).toBe(0);
      expect(rec.segments).toEqual([]);
      const types = (await timeline(rec.id)).map((e) => e.type);
      expect(types, JSON.stringify(types)).toEqual(expect.arrayContaining(['entered', 'queued', 'ended']));
      expect(types).not.toContain('offered');
      watch.stop();
      expect(watch.seen.filter((s) => s === 'ringing' || s === 'on_call'), watch.seen.join(',')).toEqual([]);
      expect(await stateOf(agent.token!)).toBe(state);
      const busy = await t.app.container.db.query.agentStates.findMany({
        where: (a, { and, eq, inArray }) => and(eq(a.tenantId, tenant.tenantId), inArray(a.state, ['ringing', 'on_call'])),
      });
      expect(busy).toEqual([]);
      expect(requestsSeen('agent.xml', agent.port)).toEqual([]);
    } finally {
      watch.stop();
      await phone.stop();
    }
  }, 45_000);
});

describe('no answer → next agent on a real Asterisk', () => {
  it('the first agent’s phone rings out (INVITE, 180, CANCEL after the 5 s ring timeout), the second answers; one record; timeline offer → no answer → offer → answer; the first agent is Available again', async () => {
    const first = await makePhone('4201', { agent: true });
    const second = await makePhone('4202', { agent: true });
    // linear with penalties: the first agent is always offered first, the second only once the
    // first has let it ring out (an agent who missed the call is tried again only after everyone else).
    const queueId = await makeQueue(
      'NoAnswer',
      [
        { user_id: first.userId!, penalty: 0 },
        { user_id: second.userId!, penalty: 1 },
      ],
      { strategy: 'linear', ring_timeout_seconds: 5, retry_seconds: 0 },
    );
    const did = await makeDid({ type: 'queue', queue_id: queueId });
    expect((await register(first)).code).toBe(0);
    expect((await register(second)).code).toBe(0);
    const phoneA = sipp('agent-noanswer.xml', { localPort: first.port });
    const phoneB = sipp('agent.xml', { localPort: second.port, pauseMs: 1000 });
    let watchA: ReturnType<typeof watchState> | undefined;
    try {
      for (const a of [first, second]) expect((await api('PUT', '/api/v1/agents/me/state', a.token!, { state: 'available' })).status).toBe(200);
      watchA = watchState(first.token!);
      const c = await sipp('caller.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 10_000, calls: 1, timeoutS: 30, keys: { caller: '15550201' } }).done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await endedRecords(did);
      expect(rows).toHaveLength(1);
      const rec = await detail(rows[0]!.id);
      expect(rec).toMatchObject({ did, queue_id: queueId, disposition: 'answered', agent_user_id: second.userId });
      // The caller is answered by the queue and stays 10 s: 5 s of ringing the first agent, then
      // the second rings ~1 s and answers, ~4 s of talk.
      expect(rec.wait_seconds).toBeGreaterThanOrEqual(5);
      expect(rec.wait_seconds).toBeLessThan(8.5);
      expect(rec.talk_seconds).toBeGreaterThanOrEqual(1.5);
      expect(rec.segments.map((g) => g.user_id)).toEqual([second.userId]);
      const steps = (await timeline(rec.id))
        .filter((e) => ['offered', 'offer_failed', 'answered'].includes(e.type))
        .map((e) => ({ type: e.type, user: (e.data?.user_id ?? e.data?.agent_user_id) as string, cause: e.data?.cause }));
      expect(steps, JSON.stringify(steps)).toEqual([
        { type: 'offered', user: first.userId, cause: undefined },
        // Asterisk ends the unanswered dial after its timeout: ChannelDestroyed cause 19 (no answer).
        { type: 'offer_failed', user: first.userId, cause: 19 },
        { type: 'offered', user: second.userId, cause: undefined },
        { type: 'answered', user: second.userId, cause: undefined },
      ]);
      // The rung-out leg leaves Stasis before ChannelDestroyed, which alone has the cause (19).
      const legOf = (name: string) =>
        events
          .filter((e) => 'channel' in e && e.channel.name.startsWith(`PJSIP/${name}-`))
          .filter((e) => ['StasisEnd', 'ChannelDestroyed'].includes(e.type))
          .map((e) => (e.type === 'ChannelDestroyed' ? `${e.type} ${e.cause}` : e.type));
      expect(legOf(first.user)).toEqual(['StasisEnd', 'ChannelDestroyed 19']);
      const rung = requestsAt('agent-noanswer.xml', first.port);
      expect(rung.map((r) => r.method)).toEqual(['INVITE', 'CANCEL', 'ACK']);
      // Asterisk's own dial timeout (the queue's ring timeout, 5 s) sends the CANCEL.
      const rangMs = rung[1]!.at - rung[0]!.at;
      expect(rangMs).toBeGreaterThanOrEqual(4500);
      expect(rangMs).toBeLessThan(5900);
      expect(requestsSeen('agent.xml', second.port)).toEqual(expect.arrayContaining(['INVITE', 'ACK', 'BYE']));
      // Documented (router README): a missed offer releases the agent to Available (no pause);
      // they are tried again for that caller only after everyone else.
      watchA.stop();
      expect(watchA.seen.join(','), 'first agent states').toMatch(/^available,ringing,available$/);
      expect(await stateOf(first.token!)).toBe('available');
      expect(await stateOf(second.token!)).toBe('available');
    } finally {
      watchA?.stop();
      await phoneA.stop();
      await phoneB.stop();
    }
  }, 60_000);
});

describe('IVR digit → queue on a real Asterisk', () => {
  it('the greeting plays (a prompt in the run dir’s sounds), the caller presses 2 (RFC 2833): the call lands in queue B and B’s agent answers', async () => {
    // The menu's greeting is an Asterisk sound name; no core sounds are installed here, so the
    // test brings its own prompt (run.sh makes <run dir>/data/sounds Asterisk's sounds folder).
    const soundDir = join(RUN_DIR, 'data/sounds/switchboard-test');
    mkdirSync(soundDir, { recursive: true });
    writeFileSync(join(soundDir, 'ivr-menu.wav'), toneWav(1));
    const agent = await makePhone('4301', { agent: true });
    const other = await makePhone('4302', { agent: true });
    const queueA = await makeQueue('IVR one', [{ user_id: other.userId!, penalty: 0 }]);
    const queueB = await makeQueue('IVR two', [{ user_id: agent.userId!, penalty: 0 }]);
    const menu = await api('POST', '/api/v1/ivr-menus', admin(), {
      name: `Menu ${randomBytes(2).toString('hex')}`,
      greeting: { type: 'sound', name: 'switchboard-test/ivr-menu' },
      options: [
        { digit: '1', destination: { type: 'queue', queue_id: queueA } },
        { digit: '2', destination: { type: 'queue', queue_id: queueB } },
      ],
      timeout_seconds: 10,
      max_retries: 0,
    });
    expect(menu.status, JSON.stringify(menu.body)).toBe(201);
    const did = await makeDid({ type: 'ivr', ivr_menu_id: menu.body.data.id });
    expect((await register(agent)).code).toBe(0);
    expect((await register(other)).code).toBe(0);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1000 });
    const otherPhone = sipp('agent.xml', { localPort: other.port, pauseMs: 1000 });
    try {
      for (const a of [agent, other]) expect((await api('PUT', '/api/v1/agents/me/state', a.token!, { state: 'available' })).status).toBe(200);
      const c = await sipp('caller-dtmf2.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 3000, calls: 1, timeoutS: 30, keys: { caller: '15550301' } }).done;
      expect(c.code, c.out + sippMessages('caller-dtmf2.xml', 5070)).toBe(0);
      const rows = await endedRecords(did);
      expect(rows).toHaveLength(1);
      const rec = await detail(rows[0]!.id);
      expect(rec).toMatchObject({ did, queue_id: queueB, disposition: 'answered', agent_user_id: agent.userId });
      const events = await timeline(rec.id);
      const types = events.map((e) => e.type);
      expect(events.find((e) => e.type === 'dtmf')?.data, JSON.stringify(types)).toEqual({ digit: '2' });
      expect(types.indexOf('dtmf')).toBeLessThan(types.indexOf('queued'));
      expect(events.find((e) => e.type === 'queued')?.data).toEqual({ queue_id: queueB });
      expect(events.filter((e) => e.type === 'offered').map((e) => e.data?.user_id)).toEqual([agent.userId]);
      expect(requestsSeen('agent.xml', agent.port)).toEqual(expect.arrayContaining(['INVITE', 'BYE']));
      expect(requestsSeen('agent.xml', other.port)).toEqual([]);
      // Asterisk played the prompt (verbose 3 logs "Playing '<name>.<format>'") and found it.
      const log = readFileSync(join(RUN_DIR, 'log/messages.log'), 'utf8');
      expect(log).toMatch(/Playing 'switchboard-test\/ivr-menu\.(wav|slin)'/);
      expect(log).not.toMatch(/Unable to open switchboard-test\/ivr-menu/);
    } finally {
      await phone.stop();
      await otherPhone.stop();
    }
  }, 60_000);
});

describe('recording on a DID on a real Asterisk', () => {
  it('a DID with recording_enabled: the answered call is recorded; after it ends the record references the recording and Asterisk holds the file', async () => {
    const agent = await makePhone('4401', { agent: true });
    const queueId = await makeQueue('Recorded', [{ user_id: agent.userId!, penalty: 0 }]);
    const did = await makeDid({ type: 'queue', queue_id: queueId }, { recording_enabled: true });
    expect((await register(agent)).code).toBe(0);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1000 });
    try {
      expect((await api('PUT', '/api/v1/agents/me/state', agent.token!, { state: 'available' })).status).toBe(200);
      const c = await sipp('caller.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 3000, calls: 1, timeoutS: 20, keys: { caller: '15550401' } }).done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await endedRecords(did);
      expect(rows).toHaveLength(1);
      const rec = await detail(rows[0]!.id);
      expect(rec).toMatchObject({ did, disposition: 'answered', agent_user_id: agent.userId, recording: true, recording_ref: `call-${rec.id}` });
      // The bridge recording is Asterisk's <spool>/recording/<name>.wav, finished when the bridge goes.
      const file = join(RUN_DIR, 'spool/recording', `${rec.recording_ref}.wav`);
      await waitFor(async () => existsSync(file) && statSync(file).size > 44, `${file} to be written`, 10_000);
      // ~3 s of 8 kHz 16-bit audio is ~48 kB; at least 1 s of it.
      expect(statSync(file).size).toBeGreaterThan(44 + 16_000);
      // Asterisk reports the whole seconds recorded, truncated (the simulator does the same).
      const finished = await waitFor(
        async () => events.find((e) => e.type === 'RecordingFinished' && e.recording.name === rec.recording_ref),
        'RecordingFinished',
      );
      const audioSeconds = (statSync(file).size - 44) / 16_000;
      expect((finished as { recording: { state: string; duration?: number } }).recording).toMatchObject({ state: 'done', duration: Math.floor(audioSeconds) });
      const stored = await fetch(`${ARI.url}/ari/recordings/stored/${rec.recording_ref}`, {
        headers: { authorization: `Basic ${Buffer.from(`${ARI.username}:${ARI.password}`).toString('base64')}` },
      });
      expect(stored.status).toBe(200);
      expect(await stored.json()).toMatchObject({ name: rec.recording_ref, format: 'wav' });

      // How Asterisk 22 serves the file (the simulator answers the same: conformance/stored-file.test.ts).
      const ariAuth = { authorization: `Basic ${Buffer.from(`${ARI.username}:${ARI.password}`).toString('base64')}` };
      const fileUrl = `${ARI.url}/ari/recordings/stored/${rec.recording_ref}/file`;
      const whole = await fetch(fileUrl, { headers: ariAuth });
      const wav = Buffer.from(await whole.arrayBuffer());
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('audio/wav');
      expect(whole.headers.get('cache-control')).toBe('no-cache, no-store');
      expect(whole.headers.get('accept-ranges')).toBeNull();
      expect(Number(whole.headers.get('content-length'))).toBe(wav.length);
      expect(wav.length).toBe(statSync(file).size);
      // Its HTTP server has no ranges: a Range request gets the whole file with 200.
      const ranged = await fetch(fileUrl, { headers: { ...ariAuth, range: 'bytes=0-99' } });
      expect(ranged.status).toBe(200);
      expect(ranged.headers.get('content-range')).toBeNull();
      expect(Buffer.from(await ranged.arrayBuffer()).equals(wav)).toBe(true);
      const missing = await fetch(`${ARI.url}/ari/recordings/stored/no-such-${rec.id}/file`, { headers: ariAuth });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/json');
      const missingText = await missing.text();
      expect(JSON.parse(missingText)).toEqual({ message: 'Recording not found' });
      // CAPTURE_STORED_FILE=<path> writes these answers down (src/telephony/fixtures/stored-recording-file.json).
      if (process.env.CAPTURE_STORED_FILE) {
        const answer = (r: Response, extra: Record<string, unknown>) => ({ status: r.status, headers: Object.fromEntries(r.headers), ...extra });
        writeFileSync(
          process.env.CAPTURE_STORED_FILE,
          `${JSON.stringify(
            {
              recorded: `Asterisk 22.10.1, ${new Date().toISOString()}, test/asterisk/queue.asterisk.ts 'recording on a DID'`,
              recording: { name: rec.recording_ref, format: 'wav', duration: (finished as { recording: { duration?: number } }).recording.duration },
              whole: answer(whole, { body_bytes: wav.length, header_hex: wav.subarray(0, 44).toString('hex') }),
              range_0_99: answer(ranged, { body_bytes: wav.length }),
              missing: answer(missing, { body_text: missingText }),
            },
            null,
            2,
          )}\n`,
        );
      }

      // Through the API: the supervisor streams the same WAV; a range is answered with 206.
      const url = `/api/v1/calls/${rec.id}/recording/audio`;
      const audio = await t.app.inject({ method: 'GET', url, headers: bearer(tenant.supervisor.token) });
      expect(audio.statusCode, audio.body.slice(0, 300)).toBe(200);
      expect(audio.headers['content-type']).toBe('audio/wav');
      expect(audio.headers['accept-ranges']).toBe('bytes');
      expect(Number(audio.headers['content-length'])).toBe(wav.length);
      const body = audio.rawPayload;
      expect(body.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(body.subarray(8, 12).toString('ascii')).toBe('WAVE');
      expect(body.subarray(36, 40).toString('ascii')).toBe('data');
      expect(body.readUInt32LE(40)).toBeGreaterThan(0);
      expect(body.readUInt32LE(40)).toBe(body.length - 44);
      expect(body.equals(wav)).toBe(true);
      const part = await t.app.inject({ method: 'GET', url, headers: { ...bearer(tenant.supervisor.token), range: 'bytes=40-1039' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 40-1039/${wav.length}`);
      expect(part.rawPayload.equals(wav.subarray(40, 1040))).toBe(true);
      const tail = await t.app.inject({ method: 'GET', url, headers: { ...bearer(tenant.supervisor.token), range: 'bytes=-100' } });
      expect(tail.statusCode).toBe(206);
      expect(tail.rawPayload.equals(wav.subarray(wav.length - 100))).toBe(true);
      // Agents may not listen; every listen is in the audit log.
      expect((await t.app.inject({ method: 'GET', url, headers: bearer(agent.token!) })).statusCode).toBe(403);
      const audit = await api('GET', `/api/v1/audit?action=recording.listen&entity_id=${rec.id}`, admin());
      expect(audit.body.data).toHaveLength(3);
      expect(audit.body.data.map((e: { actor_id: string }) => e.actor_id)).toEqual([tenant.supervisor.id, tenant.supervisor.id, tenant.supervisor.id]);
      // The file deleted on Asterisk: a clear 404.
      const del = await fetch(`${ARI.url}/ari/recordings/stored/${rec.recording_ref}`, { method: 'DELETE', headers: ariAuth });
      expect(del.status).toBe(204);
      const gone = await t.app.inject({ method: 'GET', url, headers: bearer(tenant.supervisor.token) });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.message).toContain('no longer on phone system');
    } finally {
      await phone.stop();
    }
  }, 45_000);
});
