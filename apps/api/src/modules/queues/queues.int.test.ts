import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const q = async (sql: string, params: unknown[] = []) => (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
const fieldPaths = (body: { error?: { details?: { fields?: { path: string }[] } } }) =>
  (body.error?.details?.fields ?? []).map((f) => f.path);

describe('queues', () => {
  it('creates a queue with defaults and reads it back with its member count', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Sales' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'Sales',
      strategy: 'ringall',
      ring_timeout_seconds: 20,
      wrapup_seconds: 10,
      max_wait_seconds: null,
      overflow_destination: null,
      music_class: 'default',
      join_empty: true,
      service_level_seconds: 20,
      enabled: true,
      member_count: 0,
    });
    const got = await call(a.supervisor.token, 'GET', `/api/v1/queues/${res.body.data.id}`);
    expect(got.body.data).toEqual(res.body.data);
    const audit = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ?', [a.tenantId, res.body.data.id]);
    expect(audit.map((r) => r.action)).toEqual(['queue.create']);
  });

  it('names the field in validation errors and refuses unknown fields', async () => {
    const bad = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'X', strategy: 'roundrobin' });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toContain('body.strategy');
    const timeout = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'X', ring_timeout_seconds: 1 });
    expect(fieldPaths(timeout.body)).toContain('body.ring_timeout_seconds');
    const extra = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'X', tenant_id: b.tenantId });
    expect(extra.status).toBe(400);
    const music = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'X', music_class: '../etc' });
    expect(fieldPaths(music.body)).toContain('body.music_class');
  });

  it('keeps names unique per tenant only', async () => {
    await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Support' });
    const dup = await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Support' });
    expect(dup.status).toBe(409);
    expect(fieldPaths(dup.body)).toEqual(['body.name']);
    const other = await call(b.admin.token, 'POST', '/api/v1/queues', { name: 'Support' });
    expect(other.status).toBe(201);
  });

  it('updates every setting and audits the change', async () => {
    const made = (await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Billing' })).body.data;
    const patch = {
      strategy: 'rrmemory',
      ring_timeout_seconds: 15,
      retry_seconds: 3,
      wrapup_seconds: 30,
      max_wait_seconds: 300,
      overflow_destination: { type: 'external', number: '+49 (0)30 1234-567' },
      max_callers: 10,
      music_class: 'jazz',
      join_empty: false,
      leave_when_empty: true,
      announce_position: true,
      announce_hold_time: true,
      announce_frequency_seconds: 45,
      service_level_seconds: 30,
      enabled: false,
    };
    const res = await call(a.admin.token, 'PATCH', `/api/v1/queues/${made.id}`, patch);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ...patch, overflow_destination: { type: 'external', number: '+49301234567' } });
    const audit = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id', [a.tenantId, made.id]);
    expect(audit.map((r) => r.action)).toEqual(['queue.create', 'queue.update']);
  });

  it('checks overflow destinations in the same tenant (T3) and refuses a self-overflow', async () => {
    const mine = (await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Overflow source' })).body.data;
    const theirs = (await call(b.admin.token, 'POST', '/api/v1/queues', { name: 'Their queue' })).body.data;
    const foreign = await call(a.admin.token, 'PATCH', `/api/v1/queues/${mine.id}`, {
      overflow_destination: { type: 'queue', queue_id: theirs.id },
    });
    expect(foreign.status).toBe(422);
    expect(fieldPaths(foreign.body)).toEqual(['body.overflow_destination.queue_id']);
    const created = await call(a.admin.token, 'POST', '/api/v1/queues', {
      name: 'Bad',
      overflow_destination: { type: 'ivr', ivr_menu_id: theirs.id },
    });
    expect(created.status).toBe(422);
    expect(fieldPaths(created.body)).toEqual(['body.overflow_destination.ivr_menu_id']);
    const self = await call(a.admin.token, 'PATCH', `/api/v1/queues/${mine.id}`, {
      overflow_destination: { type: 'queue', queue_id: mine.id },
    });
    expect(self.status).toBe(422);
    const badNumber = await call(a.admin.token, 'PATCH', `/api/v1/queues/${mine.id}`, {
      overflow_destination: { type: 'external', number: '030 1234567' },
    });
    expect(badNumber.status).toBe(400);
    expect(fieldPaths(badNumber.body)).toContain('body.overflow_destination.number');
  });

  it('refuses to delete a queue another queue overflows into, naming it', async () => {
    const target = (await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Target' })).body.data;
    const source = (
      await call(a.admin.token, 'POST', '/api/v1/queues', {
        name: 'Source',
        overflow_destination: { type: 'queue', queue_id: target.id },
      })
    ).body.data;
    const refused = await call(a.admin.token, 'DELETE', `/api/v1/queues/${target.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('queue Source');
    await call(a.admin.token, 'PATCH', `/api/v1/queues/${source.id}`, { overflow_destination: null });
    expect((await call(a.admin.token, 'DELETE', `/api/v1/queues/${target.id}`)).status).toBe(200);
    expect((await call(a.admin.token, 'GET', `/api/v1/queues/${target.id}`)).status).toBe(404);
  });

  it('lists with filters and keyset pagination, never another tenant’s queues', async () => {
    const first = await call(a.admin.token, 'GET', '/api/v1/queues?limit=2');
    expect(first.body.data).toHaveLength(2);
    const all: string[] = first.body.data.map((x: { id: string }) => x.id);
    let cursor = first.body.meta.next_cursor;
    while (cursor) {
      const next = await call(a.admin.token, 'GET', `/api/v1/queues?limit=2&cursor=${cursor}`);
      all.push(...next.body.data.map((x: { id: string }) => x.id));
      cursor = next.body.meta.next_cursor;
    }
    const own = await q('SELECT id FROM queues WHERE tenant_id = ? ORDER BY id', [a.tenantId]);
    expect(all).toEqual(own.map((r) => r.id));
    const search = await call(a.admin.token, 'GET', '/api/v1/queues?search=Bill');
    expect(search.body.data.map((x: { name: string }) => x.name)).toEqual(['Billing']);
    const byStrategy = await call(a.admin.token, 'GET', '/api/v1/queues?strategy=rrmemory');
    expect(byStrategy.body.data.map((x: { name: string }) => x.name)).toEqual(['Billing']);
    expect((await call(a.admin.token, 'GET', '/api/v1/queues?cursor=nope')).status).toBe(400);
  });

  it('enforces the queues limit', async () => {
    const c = await createTestTenant(t.app);
    await q("UPDATE tenants SET limits = JSON_SET(limits, '$.queues', 1) WHERE id = ?", [c.tenantId]);
    expect((await call(c.admin.token, 'POST', '/api/v1/queues', { name: 'Last one' })).status).toBe(201);
    const over = await call(c.admin.token, 'POST', '/api/v1/queues', { name: 'One too many' });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 'queues' } });
  });

  it('lets agents read but not write queues', async () => {
    expect((await call(a.agent.token, 'GET', '/api/v1/queues')).status).toBe(200);
    expect((await call(a.agent.token, 'POST', '/api/v1/queues', { name: 'Nope' })).status).toBe(403);
  });

  it('answers 403 FEATURE_DISABLED when voice is off', async () => {
    const c = await createTestTenant(t.app);
    await q("UPDATE tenants SET features = JSON_SET(features, '$.voice', false) WHERE id = ?", [c.tenantId]);
    const res = await call(c.admin.token, 'GET', '/api/v1/queues');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FEATURE_DISABLED');
  });
});

describe('queue members', () => {
  let queueId: string;
  beforeAll(async () => {
    queueId = (await call(a.admin.token, 'POST', '/api/v1/queues', { name: 'Members' })).body.data.id;
  });

  it('adds, lists, re-penalises and removes members', async () => {
    const added = await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: a.agent.id, penalty: 2 });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ queue_id: queueId, user_id: a.agent.id, penalty: 2, user_email: a.agent.email });
    const dup = await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: a.agent.id });
    expect(dup.status).toBe(409);
    const list = await call(a.supervisor.token, 'GET', `/api/v1/queues/${queueId}/members`);
    expect(list.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([a.agent.id]);
    expect((await call(a.admin.token, 'GET', `/api/v1/queues/${queueId}`)).body.data.member_count).toBe(1);
    const patched = await call(a.admin.token, 'PATCH', `/api/v1/queues/${queueId}/members/${a.agent.id}`, { penalty: 7 });
    expect(patched.body.data.penalty).toBe(7);
    const badPenalty = await call(a.admin.token, 'PATCH', `/api/v1/queues/${queueId}/members/${a.agent.id}`, { penalty: 11 });
    expect(fieldPaths(badPenalty.body)).toContain('body.penalty');
    expect((await call(a.admin.token, 'DELETE', `/api/v1/queues/${queueId}/members/${a.agent.id}`)).status).toBe(200);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/queues/${queueId}/members/${a.agent.id}`)).status).toBe(404);
    const actions = await q("SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? AND action LIKE 'queue.member%' ORDER BY id", [
      a.tenantId,
      queueId,
    ]);
    expect(actions.map((r) => r.action)).toEqual(['queue.member.add', 'queue.member.update', 'queue.member.remove']);
  });

  it('refuses a foreign user in the body with 422 naming the field, writing nothing (T3)', async () => {
    const res = await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: b.agent.id });
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(['body.user_id']);
    const bulk = await call(a.admin.token, 'PUT', `/api/v1/queues/${queueId}/members`, {
      members: [{ user_id: a.agent.id }, { user_id: b.agent.id }],
    });
    expect(bulk.status).toBe(422);
    expect(fieldPaths(bulk.body)).toEqual(['body.members.1.user_id']);
    expect(await q('SELECT * FROM queue_members WHERE user_id = ?', [b.agent.id])).toEqual([]);
  });

  it('answers 404 for a parent/child swap in either direction (T4)', async () => {
    const theirQueue = (await call(b.admin.token, 'POST', '/api/v1/queues', { name: 'Theirs' })).body.data.id;
    await call(b.admin.token, 'POST', `/api/v1/queues/${theirQueue}/members`, { user_id: b.agent.id });
    expect((await call(a.admin.token, 'DELETE', `/api/v1/queues/${queueId}/members/${b.agent.id}`)).status).toBe(404);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/queues/${theirQueue}/members/${b.agent.id}`)).status).toBe(404);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/queues/${theirQueue}/members/${b.agent.id}`, { penalty: 1 })).status).toBe(404);
    expect((await call(a.admin.token, 'GET', `/api/v1/queues/${theirQueue}/members`)).status).toBe(404);
    expect((await call(a.admin.token, 'POST', `/api/v1/queues/${theirQueue}/members`, { user_id: a.agent.id })).status).toBe(404);
    expect(await q('SELECT penalty FROM queue_members WHERE queue_id = ?', [theirQueue])).toEqual([{ penalty: 0 }]);
  });

  it('replaces the member list in bulk: adds, edits and removes', async () => {
    await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: a.agent.id, penalty: 1 });
    await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: a.admin.id, penalty: 1 });
    const res = await call(a.admin.token, 'PUT', `/api/v1/queues/${queueId}/members`, {
      members: [
        { user_id: a.agent.id, penalty: 5 },
        { user_id: a.supervisor.id, penalty: 0 },
      ],
    });
    expect(res.status).toBe(200);
    const got = Object.fromEntries(res.body.data.map((m: { user_id: string; penalty: number }) => [m.user_id, m.penalty]));
    expect(got).toEqual({ [a.agent.id]: 5, [a.supervisor.id]: 0 });
    const dup = await call(a.admin.token, 'PUT', `/api/v1/queues/${queueId}/members`, {
      members: [{ user_id: a.agent.id }, { user_id: a.agent.id }],
    });
    expect(dup.status).toBe(400);
    expect(fieldPaths(dup.body)).toContain('body.members.1.user_id');
    const emptied = await call(a.admin.token, 'PUT', `/api/v1/queues/${queueId}/members`, { members: [] });
    expect(emptied.body.data).toEqual([]);
  });

  it('hides deleted users from member lists and counts', async () => {
    const c = await createTestTenant(t.app);
    const queue = (await call(c.admin.token, 'POST', '/api/v1/queues', { name: 'Leavers' })).body.data.id;
    await call(c.admin.token, 'PUT', `/api/v1/queues/${queue}/members`, {
      members: [{ user_id: c.agent.id }, { user_id: c.supervisor.id }],
    });
    await q('UPDATE users SET deleted_at = NOW(3) WHERE id = ?', [c.agent.id]);
    const list = await call(c.admin.token, 'GET', `/api/v1/queues/${queue}/members`);
    expect(list.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([c.supervisor.id]);
    expect((await call(c.admin.token, 'GET', `/api/v1/queues/${queue}`)).body.data.member_count).toBe(1);
    const readd = await call(c.admin.token, 'POST', `/api/v1/queues/${queue}/members`, { user_id: c.agent.id });
    expect(readd.status).toBe(422);
  });

  it('rejects a cross-tenant member row at the database too (T5)', async () => {
    await expect(
      q('INSERT INTO queue_members (tenant_id, queue_id, user_id, penalty, created_at, updated_at) VALUES (?, ?, ?, 0, NOW(3), NOW(3))', [
        a.tenantId,
        queueId,
        b.agent.id,
      ]),
    ).rejects.toThrow(/foreign key/i);
  });
});
