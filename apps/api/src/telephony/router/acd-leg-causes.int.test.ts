import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

/**
 * An agent leg that fails leaves Stasis (StasisEnd) before its ChannelDestroyed, which alone
 * carries the cause (trace 11, and a real Asterisk 22: test/asterisk/queue.asterisk.ts). The
 * timeline's offer_failed must say why: 19 no answer, 17 busy (it said null before).
 */
describe('why an offer failed', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({
      agents: 2,
      queue: { strategy: 'linear', wrapup_seconds: 0, retry_seconds: 0 },
    });
    // The first agent is always offered first; the second once the first failed.
    const [a0, a1] = lab.agents;
    const m = await lab.api('PUT', `/api/v1/queues/${lab.queueId}/members`, lab.tenant.admin.token, {
      members: [
        { user_id: a0!.id, penalty: 0 },
        { user_id: a1!.id, penalty: 1 },
      ],
    });
    expect(m.status).toBe(200);
  });
  afterAll(async () => lab?.close());

  const failures = async (caller: string) => {
    const rec = await lab.endedCall(caller);
    const events = await lab.api(
      'GET',
      `/api/v1/calls/${rec.id}/events?limit=100`,
      lab.tenant.supervisor.token,
    );
    return (events.body.data as Array<{ type: string; data: { user_id?: string; cause?: number | null } }>)
      .filter((e) => e.type === 'offer_failed')
      .map((e) => ({ user: e.data.user_id, cause: e.data.cause }));
  };

  it.each([
    ['noanswer', 19, { mode: 'noanswer' } as const],
    ['busy', 17, { mode: 'busy', afterMs: 200 } as const],
  ])('%s: offer_failed carries cause %i, then the next agent answers', async (name, cause, behaviour) => {
    const [a0, a1] = lab.agents;
    lab.phone(a0!, behaviour);
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    await lab.setState(a0!, 'available');
    await lab.setState(a1!, 'available');
    const caller = name === 'busy' ? '+15550009002' : '+15550009001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(
      async () => (await lab.agentState(a1!)) === 'on_call' || null,
      'the second agent answers',
    );
    call.hangup();
    expect(await failures(caller)).toEqual([{ user: a0!.id, cause }]);
    await lab.waitFor(async () => (await lab.agentState(a1!)) === 'available' || null, 'free again');
  });
});
