import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, ariGet, busyBridges, labKit, sipp, sippMessages, startAsterisk, stopAsterisk, waitFor, type LabKit, type Phone } from './lab';

// Blind and attended transfer on a live DID → queue → agent call through a real Asterisk,
// driven from the API. One Asterisk for the file, on the test app's own database.
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];
let connectCall: LabKit['connectCall'];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register, connectCall } = labKit(t, tenant));
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

/** The ARI channel of a phone (its channel name is PJSIP/<sip username>-<n>). */
const channelOf = async (p: Phone) => (await ariGet('/channels')).find((c) => String(c.name).startsWith(`PJSIP/${p.user}-`));
const detail = async (id: string) => (await api('GET', `/api/v1/calls/${id}`, tenant.supervisor.token)).body.data;
const stateOf = async (p: Phone) => (await api('GET', '/api/v1/agents/me/state', p.token!)).body?.data?.state as string;
/** A second phone (an available agent with no queue) that rings 1 s and answers. */
async function targetPhone(extension: string) {
  const b = await makePhone(extension, { agent: true });
  const reg = await register(b);
  expect(reg.code, reg.out).toBe(0);
  expect((await api('PUT', '/api/v1/agents/me/state', b.token!, { state: 'available' })).status).toBe(200);
  return { b, phone: sipp('agent.xml', { localPort: b.port, pauseMs: 1000 }) };
}
/** The one bridge holding channels, and that it holds exactly these two channels. */
async function bridgedPair(x: string, y: string, what: string) {
  return waitFor(async () => {
    const bs = await busyBridges();
    const b = bs.find((br) => (br.channels as string[]).includes(x));
    return bs.length === 1 && b && [...(b.channels as string[])].sort().join() === [x, y].sort().join() && b;
  }, what);
}
/** The call's records for one DID once the caller hung up. */
const recordsOf = (did: string) =>
  t.app.container.db.query.callRecords.findMany({ where: (r, { and, eq }) => and(eq(r.tenantId, tenant.tenantId), eq(r.did, did)) });

describe('transfers on a live call through a real Asterisk', () => {
  it('blind transfer to another extension: the caller is bridged with the second phone, the first agent’s leg is hung up and they go wrap-up; one record showing the transfer', async () => {
    const a = await makePhone('3201', { agent: true });
    const { b, phone: bPhone } = await targetPhone('3202');
    const call = await connectCall(a, { callerTalkMs: 12_000, wrapupSeconds: 30 });
    try {
      const aChan = (await channelOf(a))!;
      expect(aChan, 'agent A has a channel').toBeTruthy();
      const tr = await api('POST', `/api/v1/calls/${call.id}/transfer`, a.token!, { kind: 'blind', target: { type: 'extension', extension: b.extension } });
      expect(tr.status, JSON.stringify(tr.body)).toBe(200);
      const bChan = await waitFor(async () => {
        const c = await channelOf(b);
        return c?.state === 'Up' && c;
      }, 'the second phone to answer');
      await bridgedPair(call.callerChannelId, bChan.id as string, 'caller and the second phone bridged');
      expect(await channelOf(a), 'agent A’s leg is gone').toBeUndefined();
      expect(sippMessages('agent.xml', a.port), 'agent A’s phone got a BYE').toMatch(/\nBYE sip:/);
      expect(await stateOf(a)).toBe('wrap_up');
      const d = await waitFor(async () => {
        const g = await detail(call.id);
        return g.status === 'connected' && g.current_agent_user_id === b.userId && g;
      }, 'the record to show the second agent on the call');
      expect(d.agent_user_id).toBe(a.userId);
      expect(d.transfers).toMatchObject([{ kind: 'blind', from_user_id: a.userId, to: `ext:${b.extension}` }]);
      expect(d.segments.map((s: { kind: string; user_id: string }) => [s.kind, s.user_id])).toEqual([
        ['queue', a.userId],
        ['blind_transfer', b.userId],
      ]);
      expect(d.segments[0].ended_at).not.toBeNull();
      expect(await stateOf(b)).toBe('on_call');
      const c = await call.caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await waitFor(async () => {
        const rs = await recordsOf(call.did);
        return rs.every((r) => r.endedAt) && rs;
      }, 'the record to end');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.disposition).toBe('answered');
      await waitFor(async () => (await ariGet('/channels')).length === 0, 'every channel gone');
    } finally {
      await call.caller.stop();
      await call.phone.stop();
      await bPhone.stop();
    }
  }, 60_000);

  it('attended transfer: the agent consults the second phone (caller on hold alone, agent and target in their own bridge), completes; the caller is bridged with the second phone, the first agent leaves and goes wrap-up', async () => {
    const a = await makePhone('3211', { agent: true });
    const { b, phone: bPhone } = await targetPhone('3212');
    const call = await connectCall(a, { callerTalkMs: 16_000, wrapupSeconds: 30 });
    try {
      const aChan = (await channelOf(a))!;
      const tr = await api('POST', `/api/v1/calls/${call.id}/transfer`, a.token!, { kind: 'attended', target: { type: 'extension', extension: b.extension } });
      expect(tr.status, JSON.stringify(tr.body)).toBe(200);
      const bChan = await waitFor(async () => {
        const c = await channelOf(b);
        return c?.state === 'Up' && c;
      }, 'the second phone to answer the consultation');
      // Consulting: agent A and B in the consult bridge, the caller alone in the call's bridge (on hold).
      await waitFor(async () => {
        const bs = await busyBridges();
        const consult = bs.find((br) => String(br.name).startsWith('consult-'));
        const main = bs.find((br) => String(br.name).startsWith('call-'));
        return (
          consult &&
          main &&
          [...(consult.channels as string[])].sort().join() === [aChan.id, bChan.id].sort().join() &&
          (main.channels as string[]).join() === call.callerChannelId
        );
      }, 'the consultation bridges');
      expect((await detail(call.id)).on_hold).toBe(true);
      await new Promise((r) => setTimeout(r, 1000));
      const done = await api('POST', `/api/v1/calls/${call.id}/transfer/attended`, a.token!, { action: 'complete' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      await bridgedPair(call.callerChannelId, bChan.id as string, 'caller and the second phone bridged');
      await waitFor(async () => !(await channelOf(a)), 'agent A’s leg to be hung up');
      expect(await stateOf(a)).toBe('wrap_up');
      const d = await waitFor(async () => {
        const g = await detail(call.id);
        return g.current_agent_user_id === b.userId && g;
      }, 'the record to show the second agent on the call');
      expect(d.on_hold).toBe(false);
      expect(d.agent_user_id).toBe(a.userId);
      expect(d.transfers).toMatchObject([{ kind: 'attended', from_user_id: a.userId, to: `ext:${b.extension}` }]);
      expect(d.segments.map((s: { kind: string; user_id: string }) => [s.kind, s.user_id])).toEqual([
        ['queue', a.userId],
        ['attended_transfer', b.userId],
      ]);
      // The caller heard no music once they met the target (no MOH left on the caller's channel).
      expect((await ariGet('/bridges')).filter((br) => String(br.name).startsWith('consult-'))).toEqual([]);
      const c = await call.caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await waitFor(async () => {
        const rs = await recordsOf(call.did);
        return rs.every((r) => r.endedAt) && rs;
      }, 'the record to end');
      expect(rows).toHaveLength(1);
      await waitFor(async () => (await ariGet('/channels')).length === 0, 'every channel gone');
    } finally {
      await call.caller.stop();
      await call.phone.stop();
      await bPhone.stop();
    }
  }, 60_000);

  it('attended transfer cancelled: the second phone is hung up, the caller is back with the first agent, off hold; no transfer on the record', async () => {
    const a = await makePhone('3221', { agent: true });
    const { b, phone: bPhone } = await targetPhone('3222');
    const call = await connectCall(a, { callerTalkMs: 14_000 });
    try {
      const aChan = (await channelOf(a))!;
      const tr = await api('POST', `/api/v1/calls/${call.id}/transfer`, a.token!, { kind: 'attended', target: { type: 'extension', extension: b.extension } });
      expect(tr.status, JSON.stringify(tr.body)).toBe(200);
      await waitFor(async () => (await channelOf(b))?.state === 'Up', 'the second phone to answer the consultation');
      await new Promise((r) => setTimeout(r, 1000));
      const cancel = await api('POST', `/api/v1/calls/${call.id}/transfer/attended`, a.token!, { action: 'cancel' });
      expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
      await waitFor(async () => !(await channelOf(b)), 'the second phone to be hung up');
      expect(sippMessages('agent.xml', b.port), 'the second phone got a BYE').toMatch(/\nBYE sip:/);
      await bridgedPair(call.callerChannelId, aChan.id as string, 'caller and agent A bridged again');
      const d = await detail(call.id);
      expect(d.on_hold).toBe(false);
      expect(d.current_agent_user_id).toBe(a.userId);
      expect(d.transfers).toEqual([]);
      expect(await stateOf(a)).toBe('on_call');
      expect((await ariGet('/bridges')).filter((br) => String(br.name).startsWith('consult-'))).toEqual([]);
      const c = await call.caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await waitFor(async () => {
        const rs = await recordsOf(call.did);
        return rs.every((r) => r.endedAt) && rs;
      }, 'the record to end');
      expect(rows).toHaveLength(1);
      const types = ((await api('GET', `/api/v1/calls/${call.id}/events`, a.token!)).body.data as Array<{ type: string }>).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['consult', 'consult_cancelled']));
    } finally {
      await call.caller.stop();
      await call.phone.stop();
      await bPhone.stop();
    }
  }, 60_000);
});
