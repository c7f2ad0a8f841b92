import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

/**
 * Found by `npm run bench:calls` (issue 8, 1,000 callers at once: 5–20 of 1,000 rung agent legs had
 * no `offered` row on their call's timeline): an offer's bookkeeping (`router.behind`: the record's
 * `ringing` row, the `offered` timeline event, the phone's failure count) is written once; when the
 * database pool's wait queue is full (DATABASE_QUEUE_LIMIT, F2) the write fails with "Queue limit
 * reached", is logged as "call router bookkeeping failed" and is lost. Here the pool is made tiny and
 * filled with slow queries the moment the agent's leg is created. `it.fails` until those writes
 * survive a full queue: then remove `.fails`.
 */
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 1,
    queue: { strategy: 'rrmemory', wrapup_seconds: 0, ring_timeout_seconds: 300 },
    env: { DATABASE_POOL_SIZE: '2', DATABASE_QUEUE_LIMIT: '4' },
  });
});
afterAll(async () => lab?.close());

describe('an offer made while the database queue is full', () => {
  it.fails("still has its 'offered' event on the call's timeline", async () => {
    const [agent] = lab.agents;
    lab.phone(agent!, { mode: 'manual' });
    await lab.setState(agent!, 'available');
    const { pool } = lab.t.app.container.dbHandle;
    let slow: Promise<unknown>[] = [];
    const off = lab.sim.onEvent((e) => {
      const ev = e as unknown as { type: string; channel?: { name: string } };
      if (ev.type === 'ChannelCreated' && ev.channel?.name.includes(agent!.araId) && !slow.length)
        slow = Array.from({ length: 6 }, () => pool.query('SELECT SLEEP(0.5)').catch(() => undefined));
    });
    const caller = '+15550009201';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const phone = lab.sim.phone(agent!.araId);
    await lab.waitFor(async () => phone.isRinging() || null, 'agent phone ringing');
    off();
    await Promise.all(slow);
    phone.answer();
    await lab.waitFor(async () => (await lab.agentState(agent!)) === 'on_call' || null, 'agent on call');
    call.hangup();
    const rec = await lab.endedCall(caller);
    const events = await lab.api(
      'GET',
      `/api/v1/calls/${rec.id}/events?limit=100`,
      lab.tenant.supervisor.token,
    );
    expect(events.body.data.map((e: { type: string }) => e.type)).toContain('offered');
  });
});
