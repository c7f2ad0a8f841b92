import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

/**
 * Issue 16.8: a call placed from a desk phone reaches the router unanswered. The calling phone
 * must hear ringing while the other side rings (180) and be answered when it answers (200 OK);
 * a real Asterisk does neither by itself when the router bridges the two legs.
 */
describe('calls placed from a phone', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 2, queue: { strategy: 'ringall', wrapup_seconds: 0 } });
  });
  afterAll(async () => lab?.close());

  it('an internal call: the caller hears ringing while the callee rings, then is answered and hears the callee', async () => {
    const [a0, a1] = lab.agents;
    lab.phone(a1!, { mode: 'answer', afterMs: 20000 });
    const call = lab.sim.placeCall({ fromEndpoint: a0!.araId, to: a1!.extension });
    await lab.waitFor(
      async () => call.signalling().includes('180 Ringing') || null,
      'ringing relayed to the caller',
    );
    expect(call.signalling()).not.toContain('200 OK');
    expect(call.hears()).toBe('ringback');
    await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.direction === 'internal' && c.status === 'connected'),
      'internal call connected',
    );
    await lab.waitFor(async () => call.signalling().includes('200 OK') || null, 'caller answered');
    const s = call.signalling();
    expect(s.indexOf('180 Ringing')).toBeLessThan(s.indexOf('200 OK'));
    expect(call.channel()?.state).toBe('Up');
    expect(call.hears()).toBe('party');
    call.hangup();
    await call.ended;
    expect(call.signalling()).not.toContain('603 Decline');
  });

  it('an outside call through the trunk: the caller hears ringing, then is answered when the far end answers', async () => {
    const [a0] = lab.agents;
    const trunk = await lab.api('POST', '/api/v1/trunks', lab.tenant.admin.token, {
      name: 'Carrier',
      kind: 'ip',
      host: '203.0.113.20',
      match_ips: ['203.0.113.20'],
      outbound_caller_id: '+15557770001',
    });
    expect(trunk.status).toBe(201);
    lab.sim.addEndpoint({
      resource: trunk.body.data.ara_id,
      registered: true,
      behaviour: { mode: 'answer', afterMs: 20000 },
    });
    const call = lab.sim.placeCall({ fromEndpoint: a0!.araId, to: '+4930123499' });
    await lab.waitFor(
      async () => call.signalling().includes('180 Ringing') || null,
      'ringing relayed to the caller',
    );
    expect(call.signalling()).not.toContain('200 OK');
    await lab.waitFor(async () => call.signalling().includes('200 OK') || null, 'caller answered');
    await lab.waitFor(async () => call.hears() === 'party' || null, 'caller hears the far end');
    // The record says connected once the bridge is made (a write that follows the caller's media).
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.callee_number === '+4930123499' && c.status === 'connected'),
      'the record connected',
    );
    expect(rec).toMatchObject({ direction: 'outbound', status: 'connected' });
    // Issue 16.10: the carrier is shown the trunk's caller ID, never the phone's internal name or extension.
    const carrierLeg = [...lab.sim.core.channels.values()].find(
      (c) => c.endpoint?.resource === trunk.body.data.ara_id && !c.destroyed,
    )!;
    expect(carrierLeg.json.connected).toEqual({ name: '', number: '+15557770001' });
    call.hangup();
    await lab.endedCall(rec.caller_number!);
  });
});
