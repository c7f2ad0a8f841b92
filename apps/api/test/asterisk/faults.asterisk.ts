import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app';
import { QueryAudit } from '../../src/lib/query-audit';
import type { RouterEvent } from '../../src/telephony/router/ports';
import { activeAudits, bearer, createTestApp, createTestTenant, testConfig, type TestApp, type TestTenant } from '../helpers';
import { ARI, RUN_DIR, ariGet, busyBridges, labKit, waitFor, type LabKit, type Phone, startAsterisk, stopAsterisk } from './lab';

// Issue 8's fault scenarios on a real Asterisk: F6 (the app that owns the ARI connection and the
// router restarts mid-call) and F7 (Asterisk restarts mid-call, gracefully or by a crash).
// One Asterisk for the file, on the first app's database; a restarted app is a second app
// built on that same database (the first one's router stopped, as a process that went away).
const ENV = { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' };
/** FAULTS_TRACE=1 prints what the router received around each fault, with timings. */
const TRACE = process.env.FAULTS_TRACE === '1';

let t: TestApp;
let tenant: TestTenant;
let kit: LabKit;
/** The app whose telephony runs now (the first one until F6 restarts it). */
let worker: App;
const extra: App[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long Asterisk stays down in F7 before it starts again. */
const DOWN_MS = 3000;
/** How long caller and agent talk in F7 before Asterisk goes away. */
const TALK_MS = 2000;

/** Another instance of the app on the same database (what a restarted process is). */
async function instance(): Promise<App> {
  const audit = new QueryAudit();
  activeAudits.push(audit);
  const app = await buildApp({ config: testConfig(t.url, ENV), ports: { queryAudit: audit } });
  await app.ready();
  extra.push(app);
  return app;
}

/** API requests on a given instance. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read field by field
async function on(app: App, method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await app.inject({ method: method as 'GET', url, headers: bearer(token), ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

const agentState = async (p: Phone) => (await on(worker, 'GET', '/api/v1/agents/me/state', p.token!)).body?.data?.state as string;

/** Agent states seen (read now, then every 100 ms) until stopped; `stop` reads once more. */
async function watchStates(p: Phone) {
  const seen: string[] = [];
  const note = (s: string) => {
    if (s && seen[seen.length - 1] !== s) seen.push(s);
  };
  let polling = Promise.resolve();
  note(await agentState(p));
  const timer = setInterval(() => {
    polling = polling.then(() => agentState(p).then(note));
  }, 100);
  return {
    seen,
    stop: async () => {
      clearInterval(timer);
      await polling;
      note(await agentState(p));
    },
  };
}

/** Every ARI event the worker's router receives, with when (ms since `t0`). */
function tapRouter(app: App, t0: number) {
  const seen: Array<{ ms: number; type: string; channel?: string }> = [];
  const texts: string[] = [];
  const r = app.container.telephony.router();
  const original = r.handle.bind(r);
  r.handle = (e: RouterEvent) => {
    const ch = 'channel' in e && e.channel ? (e.channel as { name: string }).name : undefined;
    seen.push({ ms: Date.now() - t0, type: e.type, ...(ch ? { channel: ch } : {}) });
    texts.push(JSON.stringify(e));
    return original(e);
  };
  /** Events the router was handed more than once (Asterisk's repeats must stop before it). */
  const repeated = () => [...new Set(texts.filter((x, i) => texts.indexOf(x) !== i))].map((x) => JSON.parse(x).type as string);
  return Object.assign(seen, { repeated });
}

/** The Stasis application as Asterisk shows it (channels, bridges, endpoint subscriptions). */
const application = async () => (await ariGet(`/applications/${ARI.app}`)) as unknown as { endpoint_ids: string[]; channel_ids: string[] };

const records = (did: string) =>
  t.app.container.db.query.callRecords.findMany({ where: (r, { and, eq }) => and(eq(r.tenantId, tenant.tenantId), eq(r.did, did)) });

const detail = async (id: string) =>
  (await on(worker, 'GET', `/api/v1/calls/${id}`, tenant.supervisor.token)).body?.data as Record<string, unknown> & {
    disposition: string | null;
    talk_seconds: number | null;
    status: string;
  };

/** Wrap-up ends by the worker's periodic task; this test app runs no worker loop, so run it here. */
const untilAvailable = (p: Phone, states: string[]) =>
  waitFor(
    async () => (await worker.container.agents.expireWrapUps()) >= 0 && (await agentState(p)) === 'available',
    'the agent available again',
    15_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; states seen: ${states.join(' → ')}`);
  });

beforeAll(async () => {
  t = await createTestApp({ env: ENV });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  kit = labKit(t, tenant);
  worker = t.app;
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  for (const app of [t?.app, ...extra]) await app?.container.telephony.stop();
  await stopAsterisk();
  for (const app of extra) await app.close();
  await t?.close();
});

describe('F6: the app that owns ARI and the router restarts mid-call (real Asterisk)', () => {
  it('the call stays up and bridged, the new instance takes it back and controls it, one answered record, wrap-up then available', async () => {
    const agent = await kit.makePhone('3601', { agent: true });
    const talkMs = 16_000;
    const call = await kit.connectCall(agent, { callerTalkMs: talkMs, wrapupSeconds: 2 });
    const states = await watchStates(agent);
    try {
      const before = await ariGet('/channels');
      expect(before.map((c) => c.state), JSON.stringify(before)).toEqual(['Up', 'Up']);
      const legs = before.map((c) => c.id as string).sort();

      // The first instance goes away: its router stops and its ARI socket closes.
      const t0 = Date.now();
      await t.app.container.telephony.stop();
      const stoppedMs = Date.now() - t0;
      // Asterisk keeps the channels in Stasis and in their bridge while no app is connected.
      const meanwhile = await ariGet('/channels');
      expect(meanwhile.map((c) => c.id as string).sort(), JSON.stringify(meanwhile)).toEqual(legs);
      expect((await busyBridges()).map((b) => (b.channels as string[]).length)).toEqual([2]);

      // A new instance on the same database starts and takes the call back.
      const b = await instance();
      worker = b;
      await b.container.telephony.start();
      const seen = tapRouter(b, t0);
      await waitFor(async () => b.container.telephony.status().status === 'connected', 'the new instance connected');
      const connectedMs = Date.now() - t0;
      // The call is live in the new router (take-back ran), and still up and bridged on Asterisk.
      await waitFor(async () => b.container.telephony.router().live.get(call.id) ?? null, 'the new router took the call back');
      const takenMs = Date.now() - t0;
      // The new instance's endpoint:PJSIP subscription took (the first one's found no PJSIP
      // endpoint loaded yet): from now on Asterisk sends each event of the call's channels twice.
      const stasisApp = await application();
      expect(stasisApp.endpoint_ids).toEqual(['PJSIP']);
      expect([...stasisApp.channel_ids].sort()).toEqual(legs);
      const after = await ariGet('/channels');
      expect(after.map((c) => c.id as string).sort(), JSON.stringify(after)).toEqual(legs);
      expect(after.map((c) => c.state)).toEqual(['Up', 'Up']);
      const bridges = await busyBridges();
      expect(bridges.map((x) => (x.channels as string[]).length), JSON.stringify(bridges)).toEqual([2]);
      expect([...(bridges[0]!.channels as string[])].sort()).toEqual(legs);
      const rows = await records(call.did);
      expect(rows.map((r) => r.status)).toEqual(['connected']);
      expect(rows[0]!.bridgeId).toBe(bridges[0]!.id);
      expect(await agentState(agent)).toBe('on_call');

      // Control works through the new instance: hold, then unhold.
      const h = await on(b, 'POST', `/api/v1/calls/${call.id}/hold`, agent.token!, { on_hold: true });
      expect(h.status, JSON.stringify(h.body)).toBe(200);
      expect((await detail(call.id)).on_hold).toBe(true);
      await sleep(1500);
      const u = await on(b, 'POST', `/api/v1/calls/${call.id}/hold`, agent.token!, { on_hold: false });
      expect(u.status, JSON.stringify(u.body)).toBe(200);
      const held = await detail(call.id);
      expect(held.on_hold).toBe(false);
      expect(held.hold_seconds).toBeGreaterThanOrEqual(1.2);
      expect(held.hold_seconds).toBeLessThan(4);
      expect((await busyBridges()).map((x) => (x.channels as string[]).length)).toEqual([2]);

      // The caller hangs up (its scenario's own BYE, talkMs after the answer).
      const c = await call.caller.done;
      expect(c.code, c.out).toBe(0);
      const ended = await waitFor(async () => {
        const rs = await records(call.did);
        return rs.every((r) => r.status === 'ended') && rs;
      }, 'the record to end');
      expect(ended).toHaveLength(1);
      const d = await detail(call.id);
      expect(d).toMatchObject({ disposition: 'answered', agent_user_id: agent.userId });
      // Talk: from the agent's answer (~1 s after the caller's) to the caller's BYE, less the hold.
      expect(d.talk_seconds).toBeGreaterThanOrEqual(talkMs / 1000 - 4);
      expect(d.talk_seconds).toBeLessThanOrEqual(talkMs / 1000);
      await waitFor(async () => (await ariGet('/channels')).length === 0, 'both legs gone from Asterisk');
      await untilAvailable(agent, states.seen);
      await states.stop();
      expect(seen.filter((e) => e.type === 'ChannelDestroyed').map((e) => e.channel).sort(), JSON.stringify(seen)).toHaveLength(2);
      expect(seen.repeated(), 'events handed to the router twice').toEqual([]);
      expect(states.seen).toContain('wrap_up');
      expect(states.seen.slice(states.seen.indexOf('on_call'))).toEqual(['on_call', 'wrap_up', 'available']);
      if (TRACE)
        console.warn(
          `F6 timings (ms after the first instance began stopping): stopped ${stoppedMs}, new instance connected ${connectedMs}, call taken back ${takenMs}; router events: ${JSON.stringify(seen)}; agent: ${states.seen.join(' → ')}; talk ${d.talk_seconds}s, hold ${held.hold_seconds}s`,
        );
    } finally {
      await states.stop();
      await call.caller.stop();
      await call.phone.stop();
    }
  }, 90_000);
});

describe('F7: Asterisk restarts mid-call (real Asterisk)', () => {
  /**
   * A connected call, then `fault` takes Asterisk away; the sipp phones of the call are stopped
   * by the test (their Asterisk is gone), Asterisk starts again, the app's socket reconnects.
   */
  async function restartMidCall(extension: string, fault: () => Promise<void>, label: string) {
    const agent = await kit.makePhone(extension, { agent: true });
    const call = await kit.connectCall(agent, { callerTalkMs: 60_000, wrapupSeconds: 2 });
    const states = await watchStates(agent);
    const telephony = worker.container.telephony;
    await sleep(TALK_MS);
    const t0 = Date.now();
    const seen = tapRouter(worker, t0);
    try {
      expect((await ariGet('/channels')).length).toBe(2);
      const rec = (await records(call.did))[0]!;
      await fault();
      const downMs = Date.now() - t0;
      await waitFor(async () => telephony.status().status === 'degraded', 'telephony degraded', 10_000);
      const degradedMs = Date.now() - t0;
      expect(degradedMs - downMs, 'the socket drop was noticed at once').toBeLessThan(1000);
      // The call's phones lost their Asterisk: stop their sipp processes.
      await call.caller.stop();
      await call.phone.stop();
      // Asterisk stays down a while (as one that takes time to boot): that time is no talk time.
      await sleep(DOWN_MS);
      await startAsterisk(t.url);
      const upMs = Date.now() - t0;
      await waitFor(async () => telephony.status().status === 'connected', 'telephony reconnected', 30_000);
      const reconnectedMs = Date.now() - t0;
      const ended = await waitFor(async () => {
        const rs = await records(call.did);
        return rs.every((r) => r.status === 'ended') && rs;
      }, 'the record to end', 10_000);
      const endedMs = Date.now() - t0;
      expect(ended).toHaveLength(1);
      expect(ended[0]!.id).toBe(rec.id);
      const d = await detail(call.id);
      expect(d.disposition).toBe('answered');
      expect(d.agent_user_id).toBe(agent.userId);
      // The call ended when Asterisk went away, not when the app reconnected: the downtime is
      // neither talk time nor part of the record.
      const endedAt = new Date(String(d.ended_at)).getTime();
      expect(endedAt - t0, `ended ${endedAt - t0} ms after the fault began, reconnected after ${reconnectedMs} ms`).toBeLessThan(degradedMs + 500);
      expect(d.talk_seconds).toBeLessThan((t0 + degradedMs - new Date(String(d.answered_at)).getTime()) / 1000 + 0.5);
      expect(d.talk_seconds).toBeGreaterThanOrEqual(TALK_MS / 1000 - 0.5);
      expect(await ariGet('/channels')).toEqual([]);
      await untilAvailable(agent, states.seen);
      await states.stop();
      const after = states.seen.slice(states.seen.indexOf('on_call'));
      expect(after[0]).toBe('on_call');
      expect(after.slice(1).every((s) => s === 'wrap_up' || s === 'available'), after.join(' → ')).toBe(true);
      expect(after[after.length - 1]).toBe('available');
      if (TRACE)
        console.warn(
          `F7 ${label} timings (ms after the fault began): Asterisk gone ${downMs}, degraded ${degradedMs}, Asterisk up again ${upMs}, reconnected ${reconnectedMs}, record ended ${endedMs}; router events: ${JSON.stringify(seen)}; agent: ${states.seen.join(' → ')}; record: talk ${d.talk_seconds}s, ended ${String(d.ended_at)}, answered ${String(d.answered_at)}; timeline: ${JSON.stringify(((await on(worker, 'GET', `/api/v1/calls/${call.id}/events`, tenant.supervisor.token)).body?.data ?? []).map((e: { type: string; data?: unknown }) => [e.type, e.data]))}`,
        );
      return d;
    } finally {
      await states.stop();
      await call.caller.stop();
      await call.phone.stop();
    }
  }

  it('a crash (kill -9): the socket drops, reconnects to the new Asterisk, the call is closed answered, the agent wraps up then is available', async () => {
    await restartMidCall(
      '3701',
      async () => {
        const pid = Number(readFileSync(join(RUN_DIR, 'run/asterisk.pid'), 'utf8').trim());
        process.kill(pid, 'SIGKILL');
      },
      'kill -9',
    );
  }, 90_000);

  it('a graceful restart (run.sh stop, start): the call is closed answered, one record, the agent wraps up then is available', async () => {
    await restartMidCall('3702', () => stopAsterisk(), 'stop/start');
  }, 90_000);
});
