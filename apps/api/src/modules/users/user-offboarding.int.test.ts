import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import {
  bearer,
  createTestApp,
  createTestTenant,
  login,
  TEST_PASSWORD,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const q = async (sql: string, params: unknown[] = []) =>
  (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
const agentState = async (userId: string) =>
  (await q('SELECT state FROM agent_states WHERE user_id = ?', [userId]))[0]?.state as string | undefined;
const memberships = async (userId: string) =>
  (await q('SELECT queue_id FROM queue_members WHERE user_id = ? ORDER BY queue_id', [userId])).map(
    (r) => r.queue_id,
  );

let seq = 0;
/** A signed-in agent who is available, a member of `queueIds` and owner of one phone. */
async function staffedAgent(queueIds: string[]) {
  const email = `offboard${++seq}@${a.slug}.test`;
  const created = await call(a.admin.token, 'POST', '/api/v1/users', {
    email,
    name: `Offboard ${seq}`,
    password: TEST_PASSWORD,
    role_id: a.roleIds.agent,
  });
  expect(created.status).toBe(201);
  const id = created.body.data.id as string;
  for (const queueId of queueIds) {
    expect(
      (await call(a.admin.token, 'POST', `/api/v1/queues/${queueId}/members`, { user_id: id })).status,
    ).toBe(201);
  }
  const phone = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
    extension: `52${seq.toString().padStart(2, '0')}`,
    display_name: `Desk ${seq}`,
    user_id: id,
  });
  expect(phone.status).toBe(201);
  const token = await login(t.app, email);
  expect((await call(token, 'PUT', '/api/v1/agents/me/state', { state: 'available' })).status).toBe(200);
  return { id, email, endpointId: phone.body.data.id as string };
}

async function queue(tenant: TestTenant, name: string) {
  const res = await call(tenant.admin.token, 'POST', '/api/v1/queues', { name });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

describe('disabling a user', () => {
  it('takes the agent offline but keeps queue memberships and phones', async () => {
    const sales = await queue(a, 'Disable sales');
    const u = await staffedAgent([sales]);
    expect(await agentState(u.id)).toBe('available');

    expect(
      (await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/status`, { status: 'disabled' })).status,
    ).toBe(200);
    expect(await agentState(u.id)).toBe('offline');
    expect(await memberships(u.id)).toEqual([sales]);
    expect((await call(a.admin.token, 'GET', `/api/v1/endpoints/${u.endpointId}`)).body.data.user_id).toBe(
      u.id,
    );
    const events = await q(
      `SELECT room FROM realtime_events WHERE tenant_id = ? AND type = 'agent.state' AND JSON_VALUE(payload, '$.user_id') = ? AND JSON_VALUE(payload, '$.state') = 'offline'`,
      [a.tenantId, u.id],
    );
    expect(events.map((e) => e.room)).toContain(`queue:${sales}`);

    // Enabled again, the agent stays offline until they choose to be available.
    expect(
      (await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/status`, { status: 'active' })).status,
    ).toBe(200);
    expect(await agentState(u.id)).toBe('offline');
  });
});

describe('deleting a user', () => {
  it('removes queue memberships, unassigns phones and takes the agent offline, in one audited change', async () => {
    const sales = await queue(a, 'Delete sales');
    const support = await queue(a, 'Delete support');
    const u = await staffedAgent([sales, support]);
    const colleague = await staffedAgent([sales]);
    const theirQueue = await queue(b, 'Other tenant');
    expect(
      (await call(b.admin.token, 'POST', `/api/v1/queues/${theirQueue}/members`, { user_id: b.agent.id }))
        .status,
    ).toBe(201);
    const araBefore = await q('SELECT * FROM ps_endpoints WHERE tenantid = ? ORDER BY id', [a.tenantId]);

    expect((await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(200);

    expect(await memberships(u.id)).toEqual([]);
    expect(await memberships(colleague.id)).toEqual([sales]);
    expect(await memberships(b.agent.id)).toEqual([theirQueue]);
    const phone = await call(a.admin.token, 'GET', `/api/v1/endpoints/${u.endpointId}`);
    expect(phone.body.data.user_id).toBeNull();
    expect(
      (await call(a.admin.token, 'GET', `/api/v1/endpoints/${colleague.endpointId}`)).body.data.user_id,
    ).toBe(colleague.id);
    expect(await q('SELECT * FROM ps_endpoints WHERE tenantid = ? ORDER BY id', [a.tenantId])).toEqual(
      araBefore,
    );
    expect(await agentState(u.id)).toBe('offline');
    expect(await agentState(colleague.id)).toBe('available');

    const log = await call(a.admin.token, 'GET', `/api/v1/audit?entity_type=user&entity_id=${u.id}`);
    expect(log.body.data[0]).toMatchObject({
      action: 'user.deleted',
      after: { unassigned_endpoints: [u.endpointId] },
    });
    expect([...log.body.data[0].after.removed_from_queues].sort()).toEqual([sales, support].sort());
    const phoneLog = await call(
      a.admin.token,
      'GET',
      `/api/v1/audit?entity_type=endpoint&entity_id=${u.endpointId}`,
    );
    expect(phoneLog.body.data[0]).toMatchObject({
      action: 'endpoint.update',
      after: { user_id: null },
      before: { user_id: u.id },
    });
  });

  it('undoes nothing when the delete fails part-way', async () => {
    const sales = await queue(a, 'Failing sales');
    const u = await staffedAgent([sales]);
    // The audit entry is the last write of the delete; failing it must roll back the rest.
    await q(`CREATE TRIGGER fail_user_deleted BEFORE INSERT ON audit_log FOR EACH ROW
             BEGIN IF NEW.action = 'user.deleted' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected'; END IF; END`);
    try {
      expect((await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(500);
    } finally {
      await q('DROP TRIGGER fail_user_deleted');
    }
    expect(await memberships(u.id)).toEqual([sales]);
    expect((await call(a.admin.token, 'GET', `/api/v1/endpoints/${u.endpointId}`)).body.data.user_id).toBe(
      u.id,
    );
    expect((await q('SELECT deleted_at FROM users WHERE id = ?', [u.id]))[0]!.deleted_at).toBeNull();
    expect(await agentState(u.id)).toBe('available');
  });
});
