import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { users } from '../../db/schema/index';
import { systemContext } from '../../plugins/context';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

async function addPauseReason(tenantId: string, enabled = true) {
  const id = randomUUID();
  await t.app.container.db.execute(
    sql`INSERT INTO pause_reasons (id, tenant_id, name, code, paid, enabled, created_at, updated_at)
        VALUES (${id}, ${tenantId}, ${`Reason ${id.slice(0, 8)}`}, ${id.slice(0, 8)}, 0, ${enabled ? 1 : 0}, NOW(3), NOW(3))`,
  );
  return id;
}

const put = (token: string, payload: object): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'PUT', url: '/api/v1/agents/me/state', headers: bearer(token), payload });

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

describe('agent state API', () => {
  it('starts offline and changes with history rows', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents/me/state',
      headers: bearer(a.agent.token),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().data).toMatchObject({ user_id: a.agent.id, state: 'offline', reason_id: null });

    const reasonId = await addPauseReason(a.tenantId);
    expect((await put(a.agent.token, { state: 'available' })).json().data.state).toBe('available');
    const paused = await put(a.agent.token, { state: 'paused', reason_id: reasonId });
    expect(paused.statusCode).toBe(200);
    expect(paused.json().data).toMatchObject({ state: 'paused', reason_id: reasonId });
    // Same state and reason again: nothing changes, no history row.
    expect((await put(a.agent.token, { state: 'paused', reason_id: reasonId })).json().data.version).toBe(
      paused.json().data.version,
    );

    const history = await t.app.container.agents.history(a.tenantId, a.agent.id);
    expect(history.map((h) => h.state)).toEqual(['available', 'paused']);
    expect(history[0]!.endedAt).not.toBeNull();
    expect(history[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(history[1]).toMatchObject({ reasonId, endedAt: null });
  });

  it('validates the body and the pause reason', async () => {
    const ringing = await put(a.agent.token, { state: 'ringing' });
    expect(ringing.statusCode).toBe(400);
    expect(ringing.json().error.code).toBe('VALIDATION_FAILED');
    const extra = await put(a.agent.token, { state: 'available', tenant_id: b.tenantId });
    expect(extra.statusCode).toBe(400);
    const reasonOnAvailable = await put(a.agent.token, { state: 'available', reason_id: randomUUID() });
    expect(reasonOnAvailable.statusCode).toBe(400);
    expect(reasonOnAvailable.json().error.details.fields[0].path).toBe('body.reason_id');
    // T3: another tenant's pause reason is unknown here.
    const foreign = await put(a.agent.token, {
      state: 'paused',
      reason_id: await addPauseReason(b.tenantId),
    });
    expect(foreign.statusCode).toBe(422);
    const disabled = await put(a.agent.token, {
      state: 'paused',
      reason_id: await addPauseReason(a.tenantId, false),
    });
    expect(disabled.statusCode).toBe(422);
  });

  it('needs a tenant and agent.state to change state, and calls.read to list', async () => {
    const operator = await createPlatformAdmin(t.app);
    expect((await put(operator.token, { state: 'available' })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(operator.token) }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agents' })).statusCode).toBe(401);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents?limit=1',
      headers: bearer(a.agent.token),
    });
    expect(list.statusCode).toBe(200);
  });

  it('lists the tenant agents with their state, paginated, never another tenant', async () => {
    await put(b.agent.token, { state: 'available' });
    const seen: { user_id: string; state: string; name: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await t.app.inject({
        method: 'GET',
        url: `/api/v1/agents?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(a.supervisor.token),
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data);
      cursor = res.json().meta.next_cursor;
    } while (cursor);
    const ids = seen.map((s) => s.user_id);
    expect(ids).toContain(a.agent.id);
    expect(ids).not.toContain(b.agent.id);
    expect(new Set(ids).size).toBe(ids.length);
    const filtered = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents?state=paused',
      headers: bearer(a.supervisor.token),
    });
    expect(filtered.json().data.map((s: { user_id: string }) => s.user_id)).toEqual([a.agent.id]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents?state=sleeping',
      headers: bearer(a.supervisor.token),
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('call-router methods', () => {
  it('lets exactly one of 20 parallel claims win', async () => {
    await put(a.admin.token, { state: 'available' });
    const calls = Array.from({ length: 20 }, () => randomUUID());
    const results = await Promise.all(
      calls.map((c) => t.app.container.agents.claim(a.tenantId, a.admin.id, c)),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ state: 'ringing' });
    const winningCall = winners[0]!.current_call_id!;
    expect(calls).toContain(winningCall);

    // Ringing or talking, the agent cannot change state by hand.
    const manual = await put(a.admin.token, { state: 'away' });
    expect(manual.statusCode).toBe(409);
    expect(manual.json().error.code).toBe('INVALID_STATE');

    expect(await t.app.container.agents.releaseOffer(a.tenantId, a.admin.id, randomUUID())).toBeNull();
    expect(await t.app.container.agents.startCall(a.tenantId, a.admin.id, winningCall)).toMatchObject({
      state: 'on_call',
    });
    const wrap = await t.app.container.agents.endCall(a.tenantId, a.admin.id, winningCall, 1);
    expect(wrap).toMatchObject({ state: 'wrap_up', current_call_id: null });
    expect(await t.app.container.agents.claim(a.tenantId, a.admin.id, randomUUID())).toBeNull();

    expect(await t.app.container.agents.expireWrapUps()).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await t.app.container.agents.expireWrapUps()).toBeGreaterThanOrEqual(1);
    const back = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agents/me/state',
      headers: bearer(a.admin.token),
    });
    expect(back.json().data.state).toBe('available');

    const history = await t.app.container.agents.history(a.tenantId, a.admin.id);
    expect(history.map((h) => h.state)).toEqual(['available', 'ringing', 'on_call', 'wrap_up', 'available']);
    expect(history[1]!.callId).toBe(winningCall);
  });

  it('releases an unanswered offer and never touches another tenant', async () => {
    const call = randomUUID();
    expect(await t.app.container.agents.claim(b.tenantId, a.admin.id, call)).toBeNull();
    expect(await t.app.container.agents.claim(a.tenantId, a.admin.id, call)).toMatchObject({
      state: 'ringing',
    });
    expect(await t.app.container.agents.releaseOffer(a.tenantId, a.admin.id, call, 'away')).toMatchObject({
      state: 'away',
    });
  });
});

describe('many agents at once', () => {
  it('changes 20 agents of one tenant concurrently without losing a change', async () => {
    const now = new Date();
    const ids = Array.from({ length: 20 }, () => randomUUID());
    await t.app.container.db.insert(users).values(
      ids.map((id, i) => ({
        id,
        tenantId: a.tenantId,
        email: `bulk-${i}-${id.slice(0, 8)}@${a.slug}.test`,
        name: `Bulk ${i}`,
        passwordHash: 'x',
        status: 'active' as const,
        roleId: a.roleIds.agent,
        isPlatformAdmin: false,
        locale: 'en',
        permVersion: 1,
        failedLogins: 0,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const ctxOf = (userId: string) => systemContext(t.app.container.log, a.tenantId, { userId });
    const { agents } = t.app.container;
    await Promise.all(ids.map((id) => agents.setOwnState(ctxOf(id), { state: 'available' })));
    const calls = ids.map(() => randomUUID());
    const claimed = await Promise.all(ids.map((id, i) => agents.claim(a.tenantId, id, calls[i]!)));
    expect(claimed.every((c) => c?.state === 'ringing')).toBe(true);
    const started = await Promise.all(ids.map((id, i) => agents.startCall(a.tenantId, id, calls[i]!)));
    expect(started.every((c) => c?.state === 'on_call')).toBe(true);
    const ended = await Promise.all(ids.map((id, i) => agents.endCall(a.tenantId, id, calls[i]!, 0)));
    expect(ended.every((c) => c?.state === 'available')).toBe(true);
    for (const id of ids) {
      const history = await agents.history(a.tenantId, id);
      expect(history.map((h) => h.state)).toEqual(['available', 'ringing', 'on_call', 'available']);
      expect(history.filter((h) => h.endedAt === null)).toHaveLength(1);
    }
  });
});
