import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, SCALE, type CallLab } from '../../../test/call-lab';

/**
 * Found by `npm run bench:calls` (issue 8): under load, an agent who answers close to the ring
 * timeout is connected, but when they hang up later the router ignores it: the call stays
 * `connected`, the caller is never hung up, the agent stays `on_call`.
 *
 * How: the offer's ring timer ((ring_timeout + 1) s) fires while the answer is still waiting in the
 * call's lane; `timer.cancel()` in `onOfferAnswered` is then too late (the timer's work is queued
 * already). That work, `onLegFailed(leg, 19)`, runs after the connect and unbinds the answered leg
 * from the call before finding it is no longer an offer, so the leg's StasisEnd/ChannelDestroyed find
 * no call. Here the call's lane is held busy while the phone answers, as a loaded router does.
 * Fixed in onLegFailed: a leg that is no longer pending but is the call's agent leg is left alone.
 */
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 1,
    queue: { strategy: 'rrmemory', wrapup_seconds: 0, ring_timeout_seconds: 5 },
  });
});
afterAll(async () => lab?.close());

describe('an answer that waits in the lane past the ring timer', () => {
  it('still ends the call when the agent hangs up', async () => {
    const [agent] = lab.agents;
    lab.phone(agent!, { mode: 'manual' });
    await lab.setState(agent!, 'available');
    const phone = lab.sim.phone(agent!.araId);
    const caller = '+15550009001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await lab.waitFor(async () => phone.isRinging() || null, 'agent phone ringing');
    const router = lab.t.app.container.telephony.router();
    const live = router.live.all().find((c) => c.callerNumber === caller)!;
    // The lane is busy for longer than the ring timer ((5 + 1) s × SCALE = 120 ms) while the phone answers.
    const busy = router.runFor(live, () => new Promise((r) => setTimeout(r, 6000 * SCALE * 3)));
    phone.answer();
    await busy;
    await lab.waitFor(async () => (await lab.agentState(agent!)) === 'on_call' || null, 'agent on call');
    await new Promise((r) => setTimeout(r, 200));
    phone.hangup(); // the agent hangs up
    const rec = await lab.endedCall(caller);
    expect(rec.disposition).toBe('answered');
    await call.ended;
    expect(await lab.agentState(agent!)).toBe('available');
  });
});
