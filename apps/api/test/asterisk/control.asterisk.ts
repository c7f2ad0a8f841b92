import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, CARRIER_IP, cli, labKit, waitFor, type LabKit, sipp, sippMessages, startAsterisk, stopAsterisk } from './lab';

// Call control on a live call through a real Asterisk: one Asterisk for the file, on the test app's own database.
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register } = labKit(t, tenant));
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

const ariGet = async (path: string) => {
  const r = await fetch(`${ARI.url}/ari${path}`, { headers: { authorization: `Basic ${Buffer.from(`${ARI.username}:${ARI.password}`).toString('base64')}` } });
  return (await r.json()) as Array<Record<string, unknown>>;
};

describe('call control on a live call through a real Asterisk', () => {
  it('hold then unhold: the caller stays in the call’s bridge (music, muted in), the record counts hold time, the timeline has hold and unhold; then mute and unmute the agent (detail muted true/false, still one bridge of two)', async () => {
    const admin = tenant.admin.token;
    const agent = await makePhone('3101', { agent: true });
    const trunk = await api('POST', '/api/v1/trunks', admin, { name: 'Carrier', kind: 'ip', host: CARRIER_IP, port: 5070 });
    expect(trunk.status, JSON.stringify(trunk.body)).toBe(201);
    const q = await api('POST', '/api/v1/queues', admin, { name: `Ctl ${randomBytes(2).toString('hex')}`, wrapup_seconds: 3 });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    expect((await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, { members: [{ user_id: agent.userId, penalty: 0 }] })).status).toBe(200);
    const did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect((await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: q.body.data.id } })).status).toBe(201);
    expect((await register(agent)).code).toBe(0);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1000 });
    try {
      expect((await api('PUT', '/api/v1/agents/me/state', agent.token!, { state: 'available' })).status).toBe(200);
      const caller = sipp('caller.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 12_000, calls: 1, timeoutS: 30, keys: { caller: '15550001' } });
      const row = await waitFor(async () => {
        const rs = await t.app.container.db.query.callRecords.findMany({ where: (r, { eq }) => eq(r.tenantId, tenant.tenantId) });
        return rs.find((r) => r.status === 'connected') ?? null;
      }, 'the call to be answered', 15_000);
      const id = row.id;
      await waitFor(async () => ((await api('GET', `/api/v1/calls/${id}`, agent.token!)).body?.data?.agent_user_id === agent.userId), 'caller and agent bridged');
      const h = await api('POST', `/api/v1/calls/${id}/hold`, agent.token!, { on_hold: true });
      expect(h.status, JSON.stringify(h.body)).toBeLessThan(300);
      const held = await waitFor(async () => (await api('GET', `/api/v1/calls/${id}`, agent.token!)).body.data.on_hold === true, 'on_hold true');
      expect(held).toBe(true);
      // Real Asterisk: hold is music on the caller's channel (muted in), the caller stays in the
      // call's bridge with the agent, both channels Up.
      const chans = await ariGet('/channels');
      expect(chans.map((c) => c.state), JSON.stringify(chans)).toEqual(['Up', 'Up']);
      const concise = (await cli('core show channels concise')).split('\n').filter((l) => l.includes('!'));
      expect(concise, concise.join('\n')).toHaveLength(2);
      for (const l of concise) expect(l).toContain('!Stasis!');
      // (The queue's holding bridge stays, empty, once the caller has left it.)
      const all = await ariGet('/bridges');
      const bridges = all.filter((b) => (b.channels as string[]).length > 0);
      expect(all.filter((b) => String(b.name).startsWith('call-')), JSON.stringify(all)).toHaveLength(1);
      expect(bridges.map((b) => (b.channels as string[]).length), JSON.stringify(bridges)).toEqual([2]);
      expect([...(bridges[0]!.channels as string[])].sort()).toEqual(chans.map((c) => c.id as string).sort());
      await new Promise((r) => setTimeout(r, 2000));
      const u = await api('POST', `/api/v1/calls/${id}/hold`, agent.token!, { on_hold: false });
      expect(u.status, JSON.stringify(u.body)).toBeLessThan(300);
      const d = await waitFor(async () => {
        const g = (await api('GET', `/api/v1/calls/${id}`, agent.token!)).body.data;
        return g.on_hold === false && g;
      }, 'on_hold false');
      expect(d.hold_seconds).toBeGreaterThanOrEqual(1.5);
      expect(d.hold_seconds).toBeLessThan(5);
      const ev = await api('GET', `/api/v1/calls/${id}/events`, agent.token!);
      const types = (ev.body.data as Array<{ type: string }>).map((e) => e.type);
      expect(types, JSON.stringify(types)).toEqual(expect.arrayContaining(['hold', 'unhold']));
      // Mute then unmute the agent on the same live call: the detail says so, the call stays bridged.
      const m = await api('POST', `/api/v1/calls/${id}/mute`, agent.token!, { muted: true });
      expect(m.status, JSON.stringify(m.body)).toBeLessThan(300);
      expect((await api('GET', `/api/v1/calls/${id}`, agent.token!)).body.data.muted).toBe(true);
      const um = await api('POST', `/api/v1/calls/${id}/mute`, agent.token!, { muted: false });
      expect(um.status, JSON.stringify(um.body)).toBeLessThan(300);
      expect((await api('GET', `/api/v1/calls/${id}`, agent.token!)).body.data.muted).toBe(false);
      expect((await ariGet('/bridges')).filter((b) => (b.channels as string[]).length === 2)).toHaveLength(1);
      const c = await caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
    } finally {
      await phone.stop();
    }
  }, 60_000);
});
