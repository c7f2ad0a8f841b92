import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

/**
 * Found by `npm run bench:calls` (issue 8, 1,000 callers at once): when the database pool's wait
 * queue is full (DATABASE_QUEUE_LIMIT, F2), a query on a caller's way in fails with "Queue limit
 * reached" (in the bench: the queue's config in `routeTo`; here: the DID lookup); `router.handle`
 * logs "call router failed to handle an event" and nothing else happens: the caller stays up
 * forever (in the bench answered, its record left `routing` with no disposition). Here the pool is
 * made tiny and filled with slow queries while one call arrives; without them the same call reaches
 * the agent. Fixed on main (7160e22): a new caller whose way in fails is routed again while still
 * there, else ended failed and hung up.
 */
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 1,
    queue: { strategy: 'rrmemory', wrapup_seconds: 0, ring_timeout_seconds: 15 },
    env: { DATABASE_POOL_SIZE: '2', DATABASE_QUEUE_LIMIT: '4' },
  });
});
afterAll(async () => lab?.close());

describe('a call arriving while the database queue is full', () => {
  it('is not left up forever once the database answers again', async () => {
    const [agent] = lab.agents;
    await lab.setState(agent!, 'available');
    const { pool } = lab.t.app.container.dbHandle;
    // 2 connections busy and 4 waiting: for about 1.5 s every further query fails at once.
    const slow = Array.from({ length: 6 }, () => pool.query('SELECT SLEEP(0.5)').catch(() => undefined));
    const caller = '+15550009101';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    let gone = false;
    void call.ended.then(() => (gone = true));
    await Promise.all(slow);
    // Either outcome will do: the caller reaches the agent, or the call is ended.
    const outcome = await lab
      .waitFor(
        async () =>
          gone
            ? 'ended'
            : (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected')
                ?.status,
        'the caller reached the agent or was hung up',
        5000,
      )
      .catch(() => 'left up');
    expect(outcome).not.toBe('left up');
  });
});
