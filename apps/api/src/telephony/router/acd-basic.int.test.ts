import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, SCALE, type CallLab } from '../../../test/call-lab';

let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 2,
    queue: { strategy: 'leastrecent', wrapup_seconds: 10, ring_timeout_seconds: 15 },
  });
});
afterAll(async () => lab?.close());

describe('DID → queue → agent', () => {
  it('an answered call leaves one record with the right times and puts the agent in wrap-up', async () => {
    const [a0] = lab.agents;
    await lab.setState(a0!, 'available');
    const caller = '+15550001001';
    // Agents' phones answer after 2 s (scaled); the caller hangs up a moment after the agent answered.
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const ringing = await lab.waitFor(
      async () => (await lab.agentState(a0!)) === 'ringing' || null,
      'agent ringing',
    );
    expect(ringing).toBe(true);
    await lab.waitFor(async () => (await lab.agentState(a0!)) === 'on_call' || null, 'agent on call');
    await new Promise((r) => setTimeout(r, 300));
    call.hangup();
    const rec = await lab.endedCall(caller);
    expect(rec).toMatchObject({
      direction: 'inbound',
      disposition: 'answered',
      did: lab.did,
      queue_id: lab.queueId,
      agent_user_id: a0!.id,
      overflowed: false,
    });
    expect(rec.answered_at).not.toBeNull();
    expect(rec.ended_at).not.toBeNull();
    // Wait ≈ the 2 s ring before answer (scaled), talk ≈ until hang-up; generous bounds for a busy machine.
    expect(rec.wait_seconds!).toBeGreaterThanOrEqual(2 * SCALE * 0.8);
    expect(rec.wait_seconds!).toBeLessThan(2);
    expect(rec.talk_seconds!).toBeGreaterThan(0);
    expect(new Date(rec.answered_at!).getTime()).toBeGreaterThanOrEqual(new Date(rec.entered_at).getTime());
    expect(new Date(rec.ended_at!).getTime()).toBeGreaterThanOrEqual(new Date(rec.answered_at!).getTime());
    expect(await lab.agentState(a0!)).toBe('wrap_up'); // freed before the record closed
    const all = (await lab.callRecords()).filter((c) => c.caller_number === caller);
    expect(all).toHaveLength(1);
    const events = await lab.api(
      'GET',
      `/api/v1/calls/${rec.id}/events?limit=100`,
      lab.tenant.supervisor.token,
    );
    expect(events.body.data.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['entered', 'queued', 'offered', 'answered', 'ended']),
    );
  });

  it('a caller who hangs up while waiting is abandoned; nobody is left ringing', async () => {
    for (const a of lab.agents) await lab.setState(a, 'offline');
    const caller = '+15550001002';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'queued'),
      'caller queued',
    );
    await new Promise((r) => setTimeout(r, 200));
    call.hangup();
    const rec = await lab.endedCall(caller);
    expect(rec.disposition).toBe('abandoned');
    expect(rec.answered_at).toBeNull();
    expect(rec.wait_seconds).not.toBeNull();
    expect(rec.agent_user_id).toBeNull();
  });

  it('queue figures count offered, answered and abandoned calls for today', async () => {
    const res = await lab.api(
      'GET',
      `/api/v1/queue-stats?queue_id=${lab.queueId}`,
      lab.tenant.supervisor.token,
    );
    expect(res.status).toBe(200);
    const [q] = res.body.data;
    expect(q).toMatchObject({ queue_id: lab.queueId, offered: 2, answered: 1, abandoned: 1, waiting: 0 });
    expect(q.asa_seconds).not.toBeNull();
    expect(q.aht_seconds).not.toBeNull();
  });
});
