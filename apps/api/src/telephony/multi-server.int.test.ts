import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAriSimulator, type AriSimulator } from './simulator/simulator';
import { scaledTimers } from './router/ports';
import { ariServersFromConfig } from './ari/index';
import { bearer, createTestApp, createTestTenant, login, TEST_PASSWORD, type TestApp, type TestTenant } from '../../test/helpers';

const SCALE = 0.02;

describe('ARI_SERVERS configuration', () => {
  const base = { ARI_APP: 'switchboard', ARI_URL: undefined, ARI_USERNAME: undefined, ARI_PASSWORD: undefined };
  it('reads several named servers, app defaulting to ARI_APP', () => {
    const servers = ariServersFromConfig({
      ...base,
      ARI_SERVERS: JSON.stringify([
        { name: 'pbx-a', url: 'http://127.0.0.1:8088', username: 'u', password: 'p' },
        { name: 'pbx-b', url: 'http://127.0.0.1:8089', username: 'u', password: 'p', app: 'other' },
      ]),
    });
    expect(servers.map((s) => [s.name, s.app])).toEqual([
      ['pbx-a', 'switchboard'],
      ['pbx-b', 'other'],
    ]);
  });
  it('names the field that is wrong', () => {
    expect(() => ariServersFromConfig({ ...base, ARI_SERVERS: '[{"name":"a"}]' })).toThrow(/ARI_SERVERS\.0\.url/);
    expect(() => ariServersFromConfig({ ...base, ARI_SERVERS: '{' })).toThrow(/ARI_SERVERS: not valid JSON/);
    expect(() =>
      ariServersFromConfig({
        ...base,
        ARI_SERVERS: JSON.stringify([
          { name: 'a', url: 'http://x:1' },
          { name: 'a', url: 'http://y:1' },
        ]),
      }),
    ).toThrow(/ARI_SERVERS\.1\.name: "a" is configured twice/);
    expect(() =>
      ariServersFromConfig({ ...base, ARI_URL: 'http://x:1', ARI_SERVERS: JSON.stringify([{ name: 'a', url: 'http://x:1' }]) }),
    ).toThrow(/both set/);
  });
});

/** Two Asterisks (two simulators) configured as two servers, one agent's phone registered on each. */
function twoServerLab() {
  let simA: AriSimulator;
  let simB: AriSimulator;
  let t: TestApp;
  let tenant: TestTenant;
  let did: string;
  const agents: Array<{ id: string; token: string; araId: string }> = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read field by field
  const api = async (method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 8000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const record = async (caller: string) => {
    const rows = await t.app.container.db.query.callRecords.findMany({ where: (c, { eq }) => eq(c.tenantId, tenant.tenantId) });
    return rows.find((r) => r.callerNumber === caller) ?? null;
  };
  const setState = async (i: number, state: string) =>
    expect((await api('PUT', '/api/v1/agents/me/state', agents[i]!.token, { state })).status).toBe(200);

  const setup = async () => {
    simA = await startAriSimulator({ timeScale: SCALE });
    simB = await startAriSimulator({ timeScale: SCALE });
    t = await createTestApp({
      env: {
        ARI_SERVERS: JSON.stringify([
          { name: 'pbx-a', url: simA.url, username: simA.username, password: simA.password, app: simA.app },
          { name: 'pbx-b', url: simB.url, username: simB.username, password: simB.password, app: simB.app },
        ]),
      },
      ports: { telephonyTimers: scaledTimers(SCALE) },
    });
    tenant = await createTestTenant(t.app);
    const admin = tenant.admin.token;
    for (const [i, sim] of [simA, simB].entries()) {
      const email = `agent${i}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
      const u = await api('POST', '/api/v1/users', admin, { email, name: `Agent ${i}`, password: TEST_PASSWORD, role_id: tenant.roleIds.agent });
      expect(u.status).toBe(201);
      const e = await api('POST', '/api/v1/endpoints', admin, { extension: String(2001 + i), display_name: `Agent ${i}`, user_id: u.body.data.id });
      expect(e.status).toBe(201);
      const araId = e.body.data.sip_username as string;
      // Each agent's phone is registered on one Asterisk only.
      sim.addEndpoint({ resource: araId, registered: true, tenantid: tenant.tenantId, behaviour: { mode: 'answer', afterMs: 100 } });
      agents.push({ id: u.body.data.id, token: await login(t.app, email), araId });
    }
    const q = await api('POST', '/api/v1/queues', admin, { name: 'Support', strategy: 'ringall', wrapup_seconds: 0 });
    expect(q.status).toBe(201);
    expect(
      (await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, { members: agents.map((a) => ({ user_id: a.id, penalty: 0 })) })).status,
    ).toBe(200);
    did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect((await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: q.body.data.id } })).status).toBe(201);
    await t.app.container.telephony.start();
    await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'both servers connected');
  };
  const close = async () => {
    await t?.app.container.telephony.stop();
    await simA?.stop();
    await simB?.stop();
    await t?.close();
  };
  const answered = (sim: () => AriSimulator, agent: number, caller: string) => async () => {
    await setState(agent, 'available');
    const call = sim().placeCall({ from: caller, to: did });
    const rec = await waitFor(async () => {
      const r = await record(caller);
      return r?.answeredAt ? r : null;
    }, `call from ${caller} answered`);
    return { rec, call };
  };
  return {
    setup,
    close,
    api,
    waitFor,
    record,
    setState,
    answered,
    agents,
    get t() { return t; },
    get simA() { return simA; },
    get simB() { return simB; },
    get tenant() { return tenant; },
    get did() { return did; },
  };
}

describe('several Asterisk servers', () => {
  const lab = twoServerLab();
  const { api, waitFor, record, setState, agents } = lab;
  beforeAll(lab.setup);
  afterAll(lab.close);

  it('reports each server, routes a call on each by its own router, and controls the call on B through the API', async () => {
    const st = await api('GET', '/api/v1/telephony/status', lab.tenant.supervisor.token);
    expect(st.status).toBe(200);
    expect(st.body.data.servers).toEqual([
      { name: 'pbx-a', status: 'connected', detail: null },
      { name: 'pbx-b', status: 'connected', detail: null },
    ]);
    await setState(0, 'available');
    const callA = lab.simA.placeCall({ from: '+15550008001', to: lab.did });
    const recA = await waitFor(async () => {
      const r = await record('+15550008001');
      return r?.answeredAt ? r : null;
    }, 'call on A answered');
    expect(recA.owner).toBe('pbx-a');
    expect(recA.agentUserId).toBe(agents[0]!.id);

    await setState(1, 'available');
    const callB = lab.simB.placeCall({ from: '+15550008002', to: lab.did });
    const recB = await waitFor(async () => {
      const r = await record('+15550008002');
      return r?.answeredAt ? r : null;
    }, 'call on B answered');
    expect(recB.owner).toBe('pbx-b');
    // Agent 1's phone is only on B: B's router rang it (A's could not have).
    expect(recB.agentUserId).toBe(agents[1]!.id);

    const hold = await api('POST', `/api/v1/calls/${recB.id}/hold`, agents[1]!.token, { on_hold: true });
    expect(hold.status).toBe(200);
    await waitFor(async () => ((await record('+15550008002'))?.holdStartedAt ? true : null), 'call on B held');

    // B goes away: its call answers a 503 naming B, while A keeps routing and controlling.
    await lab.simB.stop();
    await waitFor(async () => (lab.t.app.container.telephony.status().status === 'degraded' ? true : null), 'B down');
    const held = await api('POST', `/api/v1/calls/${recB.id}/hold`, agents[1]!.token, { on_hold: false });
    expect(held.status).toBe(503);
    expect(held.body.error.message).toContain('pbx-b');
    const hangA = await api('POST', `/api/v1/calls/${recA.id}/hangup`, agents[0]!.token, {});
    expect(hangA.status).toBe(200);
    await waitFor(async () => ((await record('+15550008001'))?.endedAt ? true : null), 'call on A ended');
    void callA;
    void callB;
  });
});

describe('several Asterisk servers: restart', () => {
  const lab = twoServerLab();
  beforeAll(lab.setup);
  afterAll(lab.close);

  it('after a restart each server takes back its own calls: a hangup on B ends B\'s call, control of A\'s works', async () => {
    const { rec: recA } = await lab.answered(() => lab.simA, 0, '+15550008101')();
    const { rec: recB, call: callB } = await lab.answered(() => lab.simB, 1, '+15550008102')();
    expect([recA.owner, recB.owner]).toEqual(['pbx-a', 'pbx-b']);
    const telephony = lab.t.app.container.telephony;
    await telephony.stop();
    await telephony.start();
    await lab.waitFor(async () => telephony.status().status === 'connected' || null, 'both reconnected');
    // Both calls are still live and keep their owners.
    expect((await lab.record('+15550008101'))!.endedAt).toBeNull();
    expect((await lab.record('+15550008102'))!.owner).toBe('pbx-b');
    const hold = await lab.api('POST', `/api/v1/calls/${recA.id}/hold`, lab.agents[0]!.token, { on_hold: true });
    expect(hold.status).toBe(200);
    await lab.waitFor(async () => ((await lab.record('+15550008101'))?.holdStartedAt ? true : null), 'A held after restart');
    callB.hangup();
    const ended = await lab.waitFor(async () => {
      const r = await lab.record('+15550008102');
      return r?.endedAt ? r : null;
    }, 'B call ended by B');
    expect(ended.owner).toBe('pbx-b');
    expect((await lab.record('+15550008101'))!.endedAt).toBeNull();
  });
});
