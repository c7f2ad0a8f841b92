import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, ariGet, busyBridges, CARRIER_IP, labKit, sipp, sippLog, startAsterisk, stopAsterisk, waitFor, type LabKit } from './lab';

// Click to call through an IP trunk on a real Asterisk, driven from the API: the agent's phone
// rings first, then the carrier. One Asterisk for the file, on the test app's own database.
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];
let carrierTrunk: LabKit['carrierTrunk'];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register, carrierTrunk } = labKit(t, tenant));
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

describe('click to call through a trunk on a real Asterisk', () => {
  it('the agent’s phone rings and answers first, then the carrier gets the INVITE with the trunk’s caller ID; bridged; one outbound record with the agent as caller', async () => {
    const admin = tenant.admin.token;
    const trunkId = await carrierTrunk();
    const oc = await api('PATCH', `/api/v1/trunks/${trunkId}`, admin, { outbound_caller_id: '+15550000000' });
    expect(oc.status, JSON.stringify(oc.body)).toBe(200);
    const a = await makePhone('3401', { agent: true });
    const reg = await register(a);
    expect(reg.code, reg.out).toBe(0);
    expect((await api('PUT', '/api/v1/agents/me/state', a.token!, { state: 'available' })).status).toBe(200);
    const number = '+14155550199';
    const phone = sipp('agent.xml', { localPort: a.port, pauseMs: 1000 });
    const carrier = sipp('agent.xml', { localIp: CARRIER_IP, localPort: 5070, pauseMs: 1000 });
    try {
      const o = await api('POST', '/api/v1/calls/originate', a.token!, { number });
      expect(o.status, JSON.stringify(o.body)).toBe(200);
      const id = o.body.data.call_id as string;
      const chans = await waitFor(async () => {
        const cs = await ariGet('/channels');
        return cs.length === 2 && cs.every((c) => c.state === 'Up') && cs;
      }, 'the agent’s phone and the carrier both up', 15_000);
      const agentChan = chans.find((c) => String(c.name).startsWith(`PJSIP/${a.user}-`))!;
      const trunkChan = chans.find((c) => c !== agentChan)!;
      expect(agentChan, JSON.stringify(chans)).toBeTruthy();
      expect(String(trunkChan.name)).toMatch(/^PJSIP\/t\d+_trunk_/);
      const bridges = await busyBridges();
      expect(bridges.map((b) => [...(b.channels as string[])].sort().join()), JSON.stringify(bridges)).toEqual([[agentChan.id, trunkChan.id].sort().join()]);

      // The agent's phone was rung (and answered) before the carrier got its INVITE.
      const agentLog = sippLog('agent.xml', a.port);
      const carrierLog = sippLog('agent.xml', 5070);
      const agentOk = agentLog.find((e) => e.dir === 'sent' && e.start.startsWith('SIP/2.0 200') && /CSeq: \d+ INVITE/.test(e.text));
      const carrierInvite = carrierLog.find((e) => e.dir === 'received' && e.start.startsWith('INVITE '));
      expect(agentOk, agentLog.map((e) => `${e.at} ${e.dir} ${e.start}`).join('\n')).toBeTruthy();
      expect(carrierInvite, carrierLog.map((e) => `${e.at} ${e.dir} ${e.start}`).join('\n')).toBeTruthy();
      expect(carrierInvite!.at > agentOk!.at, `agent 200 at ${agentOk!.at}, carrier INVITE at ${carrierInvite!.at}`).toBe(true);
      // The agent's phone shows the number it is about to call.
      const agentInvite = agentLog.find((e) => e.dir === 'received' && e.start.startsWith('INVITE '))!;
      expect(agentInvite.text.split('\n').find((l) => l.startsWith('From:'))).toContain(`sip:${number}@`);
      expect(carrierInvite!.start).toContain(`sip:${number}@`);
      const header = (name: string) => carrierInvite!.text.split('\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';
      for (const h of ['From', 'P-Asserted-Identity']) {
        expect(header(h), `${h} of the carrier INVITE`).toContain('+15550000000');
        expect(header(h), `${h} of the carrier INVITE`).not.toMatch(/Phone 3401|sip:3401@/);
      }

      const d = await waitFor(async () => {
        const g = (await api('GET', `/api/v1/calls/${id}`, a.token!)).body.data;
        return g.status === 'connected' && g;
      }, 'the record connected');
      expect(d).toMatchObject({ direction: 'outbound', caller_number: a.extension, callee_number: number, agent_user_id: a.userId });
      expect((await api('GET', '/api/v1/agents/me/state', a.token!)).body.data.state).toBe('on_call');
      await new Promise((r) => setTimeout(r, 1000));
      const h = await api('POST', `/api/v1/calls/${id}/hangup`, a.token!, {});
      expect(h.status, JSON.stringify(h.body)).toBe(200);
      await waitFor(async () => (await ariGet('/channels')).length === 0, 'both legs hung up');
      const rows = await waitFor(async () => {
        const rs = await t.app.container.db.query.callRecords.findMany({ where: (r, { eq }) => eq(r.tenantId, tenant.tenantId) });
        return rs.every((r) => r.endedAt) && rs;
      }, 'the record to end');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ direction: 'outbound', disposition: 'answered', callerNumber: a.extension, calleeNumber: number, agentUserId: a.userId });
      const ended = (await api('GET', `/api/v1/calls/${id}`, a.token!)).body.data;
      expect(ended.segments.map((s: { kind: string; user_id: string | null; number: string | null }) => [s.kind, s.user_id, s.number])).toEqual([
        ['outbound', a.userId, null],
        ['outbound', null, number],
      ]);
    } finally {
      await phone.stop();
      await carrier.stop();
    }
  }, 60_000);
});
