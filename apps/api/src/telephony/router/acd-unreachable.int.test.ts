import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_UNREACHABLE_REASON } from '@switchboard/contracts';
import { createCallLab, type CallLab, type LabAgent } from '../../../test/call-lab';
import { PHONE_FAILED_OFFERS_BEFORE_PAUSE } from './agent-adapter';

// Issue 16.9: a phone that stops answering qualify (OPTIONS) must not stall the queue.
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 2,
    queue: { strategy: 'leastrecent', wrapup_seconds: 0, ring_timeout_seconds: 15 },
  });
});
afterAll(async () => lab?.close());

const reachabilityOf = async (agent: LabAgent) => {
  const r = await lab.api('GET', `/api/v1/endpoints/${agent.endpointId}`, lab.tenant.supervisor.token);
  return r.body.data?.reachability as string | undefined;
};
const stateOf = async (agent: LabAgent) =>
  (await lab.api('GET', '/api/v1/agents/me/state', agent.token)).body.data as {
    state: string;
    reason_id: string | null;
  };
const callEvents = async (callerNumber: string) => {
  const rec = (await lab.callRecords()).find((c) => c.caller_number === callerNumber);
  if (!rec) return [];
  const r = await lab.api('GET', `/api/v1/calls/${rec.id}/events?limit=100`, lab.tenant.supervisor.token);
  return r.body.data as { type: string; data?: Record<string, unknown> }[];
};

describe('unreachable phones (qualify stops answering)', () => {
  it('the endpoints API shows reachability, followed from ContactStatusChange', async () => {
    const [, a1] = lab.agents;
    lab.sim.phone(a1!.araId).stopAnsweringQualify();
    await lab.waitFor(async () => (await reachabilityOf(a1!)) === 'unreachable' || null, 'unreachable shown');
    // Supervisors see it in the agents list (wallboard) while the agent is still available.
    const agentsList = async () =>
      (await lab.api('GET', '/api/v1/agents', lab.tenant.supervisor.token)).body.data as {
        user_id: string;
        phone_unreachable: boolean;
      }[];
    expect((await agentsList()).find((a) => a.user_id === a1!.id)?.phone_unreachable).toBe(true);
    expect((await agentsList()).find((a) => a.user_id === lab.agents[0]!.id)?.phone_unreachable).toBe(false);
    lab.sim.phone(a1!.araId).answerQualify();
    await lab.waitFor(async () => (await reachabilityOf(a1!)) === 'reachable' || null, 'reachable shown');
  });

  it('two agents, one unreachable: the call goes to the reachable one without trying the other', async () => {
    const [a0, a1] = lab.agents;
    lab.sim.phone(a1!.araId).stopAnsweringQualify();
    await lab.waitFor(async () => (await reachabilityOf(a1!)) === 'unreachable' || null, 'unreachable');
    await lab.setState(a0!, 'available');
    await lab.setState(a1!, 'available');
    const caller = '+15550009001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(
      async () => (await stateOf(a0!)).state === 'on_call' || null,
      'reachable agent on call',
    );
    const events = await callEvents(caller);
    expect(events.filter((e) => e.type === 'offer_failed')).toHaveLength(0);
    expect((await stateOf(a1!)).state).toBe('available');
    call.hangup();
    await lab.endedCall(caller);
    lab.sim.phone(a1!.araId).answerQualify();
    await lab.waitFor(async () => (await reachabilityOf(a1!)) === 'reachable' || null, 'reachable again');
  });

  it('all phones refuse the channel: a bounded number of originates, then a system pause "phone unreachable"', async () => {
    // Asterisk refuses the channel before any qualify event reached us (Allocation failed only).
    for (const a of lab.agents) {
      await lab.setState(a, 'available');
      lab.sim.core.endpoints.get(a.araId)!.reachable = false;
    }
    const caller = '+15550009002';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    for (const a of lab.agents) {
      await lab.waitFor(async () => {
        const s = await stateOf(a);
        return (s.state === 'paused' && s.reason_id === PHONE_UNREACHABLE_REASON) || null;
      }, 'system pause');
    }
    // Ticks run every 20 ms at this time scale: a retry loop would add an offer every tick.
    await new Promise((r) => setTimeout(r, 1000));
    const failed = (await callEvents(caller)).filter((e) => e.type === 'offer_failed');
    expect(failed.length).toBeLessThanOrEqual(PHONE_FAILED_OFFERS_BEFORE_PAUSE * lab.agents.length);
    expect(failed.length).toBeGreaterThanOrEqual(lab.agents.length);
    // The caller still waits (no max wait, no overflow configured).
    expect((await lab.callRecords()).find((c) => c.caller_number === caller)?.status).toBe('queued');

    // The phone answers qualify again: the pause ends by itself and the waiting call reaches it.
    const [a0] = lab.agents;
    lab.sim.phone(a0!.araId).answerQualify();
    await lab.waitFor(async () => (await stateOf(a0!)).state === 'on_call' || null, 'agent back and on call');
    call.hangup();
    await lab.endedCall(caller);
    expect((await stateOf(lab.agents[1]!)).reason_id).toBe(PHONE_UNREACHABLE_REASON);
  });
});
