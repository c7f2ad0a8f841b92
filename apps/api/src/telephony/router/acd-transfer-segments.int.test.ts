import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail } from '@switchboard/contracts';
import { createCallLab, type CallLab } from '../../../test/call-lab';
import { createCallsRepository } from '../../modules/calls/calls.repository';
import type { RouterEvent } from './ports';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : NaN);

/**
 * Issue 16, point 11: a transfer keeps who answered first, records who handled each part of the
 * call (segments) and splits talk time between the agents (GLOSSARY: answer → hang-up or transfer
 * out, minus hold). Agent 1 (extension 2002) is not "available": they still answer their phone.
 */
describe('transfers keep the agent and record each part of the call', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 2, queue: { strategy: 'linear', wrapup_seconds: 0 } });
  });
  afterAll(async () => lab?.close());

  const detail = async (id: string): Promise<CallDetail> =>
    (await lab.api('GET', `/api/v1/calls/${id}`, lab.tenant.supervisor.token)).body.data;

  const connect = async (caller: string) => {
    const [a0, a1] = lab.agents;
    lab.phone(a0!, { mode: 'answer', afterMs: 200 });
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    await lab.setState(a0!, 'available');
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
      'call connected',
    );
    return { call, rec };
  };

  const expectTalkSplit = (ended: CallDetail) => {
    const [first, second] = ended.segments;
    for (const g of ended.segments) {
      expect(g.ended_at).not.toBeNull();
      const span = (ms(g.ended_at) - ms(g.joined_at)) / 1000;
      expect(g.talk_seconds).toBeCloseTo(span - g.hold_seconds, 2);
    }
    // The agents' talk adds up to the call's: nobody talks while the caller waits for the target.
    expect(ended.talk_seconds).toBeCloseTo(first!.talk_seconds! + second!.talk_seconds!, 2);
    expect(ended.agent_talk).toEqual([
      expect.objectContaining({ user_id: lab.agents[0]!.id, talk_seconds: first!.talk_seconds }),
      expect.objectContaining({ user_id: lab.agents[1]!.id, talk_seconds: second!.talk_seconds }),
    ]);
  };

  it('blind transfer to 2002: agent_user_id stays the first agent, two segments, talk split', async () => {
    const [a0, a1] = lab.agents;
    const caller = '+15550011001';
    const { call, rec } = await connect(caller);
    // 2002 rings for 5 simulated seconds (0.1 s here) before answering.
    lab.phone(a1!, { mode: 'answer', afterMs: 5000 });
    await sleep(300);
    const res = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'blind',
      target: { type: 'extension', extension: a1!.extension },
    });
    expect(res.status).toBe(200);
    // The segment and the record's current agent are separate writes: wait for both.
    const during = await lab.waitFor(async () => {
      const d = await detail(rec.id);
      return d.status === 'connected' && d.segments.length === 2 && d.current_agent_user_id === a1!.id ? d : null;
    }, 'caller connected to 2002');
    expect(during.agent_user_id).toBe(a0!.id);
    expect(during.current_agent_user_id).toBe(a1!.id);
    // The target controls the call now; the agent who left does not.
    expect((await lab.api('POST', `/api/v1/calls/${rec.id}/hold`, a0!.token, { on_hold: true })).status).toBe(
      403,
    );
    expect(
      (await lab.api('GET', '/api/v1/calls', a1!.token)).body.data.map((c: { id: string }) => c.id),
    ).toContain(rec.id);
    await sleep(300);
    call.hangup();
    await lab.endedCall(caller);
    const ended = await detail(rec.id);
    expect(ended).toMatchObject({ agent_user_id: a0!.id, agent_name: 'Agent 0', disposition: 'answered' });
    expect(ended.segments).toHaveLength(2);
    const [first, second] = ended.segments;
    expect(first).toMatchObject({
      kind: 'queue',
      user_id: a0!.id,
      user_name: 'Agent 0',
      extension: a0!.extension,
    });
    expect(second).toMatchObject({ kind: 'blind_transfer', user_id: a1!.id, extension: '2002' });
    expect(ms(first!.offered_at)).toBeLessThanOrEqual(ms(first!.answered_at));
    expect(ms(first!.answered_at)).toBe(ms(ended.answered_at));
    expect(ms(second!.offered_at)).toBeGreaterThanOrEqual(ms(first!.ended_at));
    expect(ms(second!.answered_at)).toBeGreaterThan(ms(second!.offered_at));
    expect(first!.talk_seconds).toBeGreaterThanOrEqual(0.25);
    expect(second!.talk_seconds).toBeGreaterThanOrEqual(0.25);
    expectTalkSplit(ended);
    // The caller rang 2002 for a while: that wait is not talk time.
    const answeredToEnd = (ms(ended.ended_at) - ms(ended.answered_at)) / 1000;
    expect(ended.talk_seconds!).toBeLessThan(answeredToEnd - ended.hold_seconds - 0.05);
  });

  it('attended transfer: the target is answered at the consultation and talks from completion', async () => {
    const [a0, a1] = lab.agents;
    const caller = '+15550011002';
    const { call, rec } = await connect(caller);
    await sleep(200);
    const consult = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'attended',
      target: { type: 'extension', extension: a1!.extension },
    });
    expect(consult.status).toBe(200);
    await sleep(400);
    const done = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer/attended`, a0!.token, {
      action: 'complete',
    });
    expect(done.status).toBe(200);
    const during = await detail(rec.id);
    expect(during).toMatchObject({
      agent_user_id: a0!.id,
      current_agent_user_id: a1!.id,
      status: 'connected',
    });
    await sleep(300);
    call.hangup();
    await lab.endedCall(caller);
    const ended = await detail(rec.id);
    expect(ended.agent_user_id).toBe(a0!.id);
    expect(ended.segments).toHaveLength(2);
    const [first, second] = ended.segments;
    expect(first).toMatchObject({ kind: 'queue', user_id: a0!.id });
    expect(second).toMatchObject({ kind: 'attended_transfer', user_id: a1!.id, extension: '2002' });
    expect(ms(second!.answered_at)).toBeLessThan(ms(second!.joined_at));
    expect(ms(second!.joined_at)).toBe(ms(first!.ended_at));
    // The consultation was the first agent's hold, not their talk.
    expect(first!.hold_seconds).toBeGreaterThanOrEqual(0.3);
    expect(ended.hold_seconds).toBeCloseTo(first!.hold_seconds, 2);
    expectTalkSplit(ended);
  });

  it('replayed events never double a segment (D3)', async () => {
    const [a0, a1] = lab.agents;
    const caller = '+15550011003';
    const { call, rec } = await connect(caller);
    await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'blind',
      target: { type: 'extension', extension: a1!.extension },
    });
    await lab.waitFor(async () => (await detail(rec.id)).segments.length === 2, 'transfer target connected');
    const rows = await lab.t.app.container.db.query.callSegments.findMany({
      where: (g, { and, eq }) => and(eq(g.tenantId, lab.tenant.tenantId), eq(g.callId, rec.id)),
    });
    const router = lab.t.app.container.telephony.router();
    const ts = new Date().toISOString().replace('Z', '+0000');
    const channel = (id: string, state = 'Up') => ({
      id,
      name: `PJSIP/x-${id}`,
      state,
      caller: { name: '', number: caller },
    });
    const record = await lab.t.app.container.db.query.callRecords.findFirst({
      where: (c, { and, eq }) => and(eq(c.tenantId, lab.tenant.tenantId), eq(c.id, rec.id)),
    });
    for (const g of rows) {
      const replay: RouterEvent[] = [
        { type: 'Dial', timestamp: ts, peer: channel(g.channelId!), dialstatus: 'ANSWER' },
        { type: 'ChannelStateChange', timestamp: ts, channel: channel(g.channelId!) },
        { type: 'StasisStart', timestamp: ts, args: ['agent', rec.id], channel: channel(g.channelId!) },
      ];
      for (const e of replay) await router.handle(e);
    }
    await router.handle({
      type: 'StasisStart',
      timestamp: ts,
      args: ['inbound', lab.did],
      channel: channel(record!.callerChannelId!, 'Ring'),
    });
    // The repository itself writes a segment key once.
    const again = await createCallsRepository(lab.t.app.container.db).openSegment(
      lab.tenant.tenantId,
      rec.id,
      {
        key: rows[1]!.segmentKey,
        kind: 'blind_transfer',
        userId: a1!.id,
        endpointId: null,
        extension: null,
        number: null,
        channelId: rows[1]!.channelId,
        offeredAt: null,
        answeredAt: new Date(),
        joinedAt: new Date(),
      },
    );
    expect(again).toBe(false);
    expect((await detail(rec.id)).segments).toHaveLength(2);
    call.hangup();
    await lab.endedCall(caller);
    const ended = await detail(rec.id);
    expect(ended.segments).toHaveLength(2);
    expect(ended.segments.map((g) => g.user_id)).toEqual([a0!.id, a1!.id]);
  });

  it('an attended transfer right after answer succeeds while events that change nothing arrive', async () => {
    const [a0, a1] = lab.agents;
    const caller = '+15550011004';
    const { call, rec } = await connect(caller);
    const record = await lab.t.app.container.db.query.callRecords.findFirst({
      where: (c, { and, eq }) => and(eq(c.tenantId, lab.tenant.tenantId), eq(c.id, rec.id)),
    });
    const { core } = lab.sim;
    const legs = [record!.callerChannelId!, record!.agentChannelId!].map((id) => core.channels.get(id)!);
    // What Asterisk sends around an answer: connected-line updates, variables, dialplan and caller id.
    const noise = () => {
      for (const ch of legs) {
        core.channelEvent('ChannelConnectedLine', ch);
        core.channelEvent('ChannelVarset', ch, { variable: 'BRIDGEPEER', value: 'PJSIP/x' });
        core.channelEvent('ChannelDialplan', ch, {
          dialplan_app: 'Stasis',
          dialplan_app_data: 'switchboard',
        });
        core.channelEvent('ChannelCallerId', ch, {
          caller_presentation: 0,
          caller_presentation_txt: 'Allowed',
        });
      }
    };
    noise();
    const consult = lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'attended',
      target: { type: 'extension', extension: a1!.extension },
    });
    noise();
    const res = await consult;
    expect([res.status, res.body?.error?.message]).toEqual([200, undefined]);
    noise();
    await sleep(200);
    noise();
    const done = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer/attended`, a0!.token, {
      action: 'complete',
    });
    expect(done.status).toBe(200);
    call.hangup();
    await lab.endedCall(caller);
  });

  it('an attended transfer does not fail when the consultation leg enters the app after create answers', async () => {
    const [a0, a1] = lab.agents;
    const caller = '+15550011005';
    const { call, rec } = await connect(caller);
    // Asterisk answers `create` before the channel is in Stasis; a dial in between answers 409.
    lab.sim.core.createStasisDelayMs = 2500;
    try {
      const consult = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
        kind: 'attended',
        target: { type: 'extension', extension: a1!.extension },
      });
      expect([consult.status, consult.body?.error?.message]).toEqual([200, undefined]);
    } finally {
      lab.sim.core.createStasisDelayMs = 0;
    }
    await sleep(200);
    const done = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer/attended`, a0!.token, {
      action: 'complete',
    });
    expect(done.status).toBe(200);
    expect((await detail(rec.id)).current_agent_user_id).toBe(a1!.id);
    call.hangup();
    await lab.endedCall(caller);
  });
});
