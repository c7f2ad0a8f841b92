import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AgentStateView } from '@switchboard/contracts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';
import type { WorkerTask } from '../../worker';
import { realtimeWorkerTasks } from '../../realtime/worker-tasks';
import { listen, openSocket, type TestSocket } from '../../realtime/ws-test-client';

const GRACE = 800;
let t: TestApp;
let base: string;
let a: TestTenant;
let tasks: WorkerTask[];

beforeAll(async () => {
  t = await createTestApp({
    ports: { realtime: { heartbeatMs: 150, presenceGraceMs: GRACE, sweepIntervalMs: 100 } },
  });
  base = await listen(t.app);
  a = await createTestTenant(t.app);
  tasks = realtimeWorkerTasks(t.app.container);
  for (const task of tasks) await task.start();
});
afterAll(async () => {
  for (const task of tasks ?? []) await task.stop();
  await t?.close();
});

const stateOf = async (userId: string) =>
  (await t.app.container.agents.history(a.tenantId, userId)).at(-1)?.state ?? 'offline';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setState(s: TestSocket, state: string, id = randomUUID()) {
  s.send({ type: 'agent.set_state', id, state });
  const ack = await s.ack(id);
  return ack.agent_state as AgentStateView;
}

describe('agent presence', () => {
  it('pushes state changes over the socket to the agent, supervisors and queue rooms', async () => {
    const queueId = randomUUID();
    await t.app.container.db.execute(
      sql`INSERT INTO queues (id, tenant_id, name, strategy, ring_timeout_seconds, retry_seconds, wrapup_seconds, created_at, updated_at)
          VALUES (${queueId}, ${a.tenantId}, 'Sales', 'ringall', 20, 5, 10, NOW(3), NOW(3))`,
    );
    await t.app.container.db.execute(
      sql`INSERT INTO queue_members (tenant_id, queue_id, user_id, penalty, created_at, updated_at)
          VALUES (${a.tenantId}, ${queueId}, ${a.agent.id}, 0, NOW(3), NOW(3))`,
    );
    const sup = await openSocket(base, { token: a.supervisor.token });
    sup.send({
      type: 'subscribe',
      id: 'sub',
      rooms: [`supervisor:${a.tenantId}`, `queue:${queueId}`, `queue:${randomUUID()}`],
    });
    expect((await sup.ack('sub')).rooms?.sort()).toEqual(
      [`queue:${queueId}`, `supervisor:${a.tenantId}`].sort(),
    );

    const agent = await openSocket(base, { token: a.agent.token });
    agent.send({ type: 'subscribe', id: 'sub', rooms: [`user:${a.agent.id}`] });
    await agent.ack('sub');
    const view = await setState(agent, 'available');
    expect(view).toMatchObject({ user_id: a.agent.id, state: 'available' });

    for (const [socket, room] of [
      [agent, `user:${a.agent.id}`],
      [sup, `supervisor:${a.tenantId}`],
      [sup, `queue:${queueId}`],
    ] as const) {
      const e = await socket.waitFor(
        (m) => m.type === 'event' && m.room === room && m.event === 'agent.state',
      );
      expect(e).toMatchObject({ data: { user_id: a.agent.id, state: 'available', version: view.version } });
    }

    // Staying connected past the grace period keeps the agent available (heartbeats).
    await sleep(GRACE * 2);
    expect(await stateOf(a.agent.id)).toBe('available');

    // The last socket goes: offline after the grace period, not before, and supervisors see it.
    const closedAt = Date.now();
    await agent.close();
    await sleep(GRACE / 3);
    expect(await stateOf(a.agent.id)).toBe('available');
    const offline = await sup.waitFor(
      (m) =>
        m.type === 'event' &&
        m.room === `supervisor:${a.tenantId}` &&
        (m.data as AgentStateView).state === 'offline',
      GRACE * 4,
    );
    expect(offline).toBeTruthy();
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE - 200);
    await sup.close();
  });

  it('refuses router-owned states over agent.set_state', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    s.send({ type: 'agent.set_state', id: 'bad', state: 'on_call' });
    expect(await s.waitFor((m) => m.type === 'error' && m.id === 'bad')).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await s.close();
  });

  it('keeps an agent on a call even with no socket', async () => {
    const s = await openSocket(base, { token: a.admin.token });
    await setState(s, 'available');
    const call = randomUUID();
    expect(await t.app.container.agents.claim(a.tenantId, a.admin.id, call)).not.toBeNull();
    expect(await t.app.container.agents.startCall(a.tenantId, a.admin.id, call)).not.toBeNull();
    await s.close();
    await sleep(GRACE * 2);
    expect(await stateOf(a.admin.id)).toBe('on_call');
  });

  it('stays present when the agent reconnects (another instance after a crash) within the grace period', async () => {
    const first = await openSocket(base, { token: a.supervisor.token });
    await setState(first, 'available');
    first.ws.terminate();
    await sleep(GRACE / 2);
    const again = await openSocket(base, { token: a.supervisor.token });
    await sleep(GRACE * 1.5);
    expect(await stateOf(a.supervisor.id)).toBe('available');
    await again.close();
  });
});
