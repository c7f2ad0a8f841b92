import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, SCALE, type CallLab } from '../../../test/call-lab';

/**
 * The agent's phone answers in the same moment the caller hangs up: the answer reaches the call's
 * lane first, and bridging the caller fails (Asterisk: "Channel not found"). The offer is already
 * out of the queue's view, so nothing else frees the agent: before the fix they stayed `ringing`
 * for good (acd-faults found it by chance). Here the call's lane is held busy while both happen.
 */
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 1,
    queue: { strategy: 'ringall', wrapup_seconds: 0, ring_timeout_seconds: 30 },
  });
});
afterAll(async () => lab?.close());

describe('an agent who answers as the caller leaves', () => {
  it('is freed (available), their leg hung up; the call is abandoned, one record', async () => {
    const [agent] = lab.agents;
    lab.phone(agent!, { mode: 'manual' });
    await lab.setState(agent!, 'available');
    const phone = lab.sim.phone(agent!.araId);
    const caller = '+15550009201';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(async () => phone.isRinging() || null, 'agent phone ringing');
    const router = lab.t.app.container.telephony.router();
    const live = router.live.all().find((c) => c.callerNumber === caller)!;
    const busy = router.runFor(live, () => new Promise((r) => setTimeout(r, 1000 * SCALE * 10)));
    phone.answer();
    call.hangup();
    await busy;
    const rec = await lab.endedCall(caller);
    expect(rec.disposition).toBe('abandoned');
    await lab.waitFor(
      async () => (await lab.agentState(agent!)) === 'available' || null,
      'agent available again',
      3000,
    );
    await lab.waitFor(
      async () => (!phone.isRinging() && !lab.sim.core.channels.size) || null,
      'no channel left',
      3000,
    );
    expect((await lab.callRecords()).filter((c) => c.caller_number === caller)).toHaveLength(1);
  });
});
