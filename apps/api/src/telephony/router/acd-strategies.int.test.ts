import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('agent selection', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({
      agents: 3,
      queue: { strategy: 'ringall', wrapup_seconds: 0, ring_timeout_seconds: 15 },
    });
  });
  afterAll(async () => lab?.close());

  const offeredTo = async (caller: string) => {
    const rec = await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.caller_number === caller),
      'record',
    );
    const events = await lab.api(
      'GET',
      `/api/v1/calls/${rec.id}/events?limit=100`,
      lab.tenant.supervisor.token,
    );
    return events.body.data
      .filter((e: { type: string }) => e.type === 'offered')
      .map((e: { data: { user_id: string } }) => e.data.user_id);
  };

  it('ringall rings every available agent at once; the first to answer takes the call, the others are freed', async () => {
    const [a0, a1, a2] = lab.agents;
    lab.phone(a0!, { mode: 'manual' });
    lab.phone(a1!, { mode: 'answer', afterMs: 1000 });
    lab.phone(a2!, { mode: 'manual' });
    for (const a of lab.agents) await lab.setState(a, 'available');
    const caller = '+15550002001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(async () => (await lab.agentState(a1!)) === 'on_call' || null, 'a1 answers');
    expect(await offeredTo(caller)).toHaveLength(3);
    expect(await lab.agentState(a0!)).toBe('available');
    expect(await lab.agentState(a2!)).toBe('available');
    call.hangup();
    const rec = await lab.endedCall(caller);
    expect(rec.agent_user_id).toBe(a1!.id);
  });

  it('paused and wrap-up agents are skipped', async () => {
    const [a0, a1, a2] = lab.agents;
    for (const a of lab.agents) lab.phone(a, { mode: 'manual' });
    await lab.setState(a0!, 'available');
    await lab.setState(a1!, 'available');
    await lab.setState(a2!, 'available');
    const reasons = await lab.api('GET', '/api/v1/pause-reasons', lab.tenant.admin.token);
    await lab.setState(a0!, 'paused', reasons.body.data[0]?.id);
    // Put a1 in wrap-up the way a finished call does.
    await lab.t.app.container.agents.claim(lab.tenant.tenantId, a1!.id, 'x-call');
    await lab.t.app.container.agents.startCall(lab.tenant.tenantId, a1!.id, 'x-call');
    await lab.t.app.container.agents.endCall(lab.tenant.tenantId, a1!.id, 'x-call', 600);
    expect(await lab.agentState(a1!)).toBe('wrap_up');
    const caller = '+15550002002';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(async () => (await lab.agentState(a2!)) === 'ringing' || null, 'a2 rings');
    await sleep(300);
    expect(await offeredTo(caller)).toEqual([a2!.id]);
    expect(await lab.agentState(a0!)).toBe('paused');
    call.hangup();
    await lab.endedCall(caller);
  });
});

describe('leastrecent and no-answer retry', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({
      agents: 2,
      queue: { strategy: 'leastrecent', wrapup_seconds: 0, ring_timeout_seconds: 5, retry_seconds: 1 },
    });
  });
  afterAll(async () => lab?.close());

  it('offers the agent idle longest first, and after a no-answer rings the next one', async () => {
    const [a0, a1] = lab.agents;
    // a0 took a call most recently; a1 never did: a1 is least recent.
    lab.phone(a0!, { mode: 'answer', afterMs: 500 });
    await lab.setState(a0!, 'available');
    const first = lab.sim.placeCall({ from: '+15550003001', to: lab.did });
    await lab.waitFor(
      async () => (await lab.agentState(a0!)) === 'on_call' || null,
      'a0 answers the first call',
    );
    first.hangup();
    await lab.endedCall('+15550003001');
    await lab.waitFor(async () => (await lab.agentState(a0!)) === 'available' || null, 'a0 free again');

    lab.phone(a1!, { mode: 'noanswer' });
    await lab.setState(a1!, 'available');
    const caller = '+15550003002';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(
      async () => (await lab.agentState(a1!)) === 'ringing' || null,
      'a1 (least recent) rings first',
    );
    expect(await lab.agentState(a0!)).toBe('available');
    // a1 does not answer within the ring timeout: the call goes on to a0.
    await lab.waitFor(
      async () => (await lab.agentState(a0!)) === 'on_call' || null,
      'a0 answers after the retry',
    );
    expect(await lab.agentState(a1!)).toBe('available');
    call.hangup();
    const rec = await lab.endedCall(caller);
    expect(rec.agent_user_id).toBe(a0!.id);
    const events = await lab.api(
      'GET',
      `/api/v1/calls/${rec.id}/events?limit=100`,
      lab.tenant.supervisor.token,
    );
    const types = events.body.data.map((e: { type: string }) => e.type);
    expect(
      types.filter((t: string) => t === 'offer_failed'),
      types.join(','),
    ).toHaveLength(1);
  });
});
