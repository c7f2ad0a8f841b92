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

async function call(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const q = async (sql: string, params: unknown[] = []) => (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];

describe('pause reasons', () => {
  it('gives every new tenant the default reasons, readable by agents', async () => {
    const res = await call(a.agent.token, 'GET', '/api/v1/pause-reasons');
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { code: string }) => r.code).sort()).toEqual(['break', 'lunch', 'meeting', 'training']);
    expect(res.body.data.find((r: { code: string }) => r.code === 'lunch')).toMatchObject({ name: 'Lunch', paid: false, max_minutes: 60 });
  });

  it('creates, updates, filters and deletes, with audit entries', async () => {
    const made = await call(a.admin.token, 'POST', '/api/v1/pause-reasons', { name: 'Coaching', code: 'Coaching', paid: true });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ name: 'Coaching', code: 'coaching', paid: true, max_minutes: null, enabled: true });
    const id = made.body.data.id;
    const upd = await call(a.admin.token, 'PATCH', `/api/v1/pause-reasons/${id}`, { enabled: false, max_minutes: 30 });
    expect(upd.body.data).toMatchObject({ enabled: false, max_minutes: 30 });
    const disabled = await call(a.admin.token, 'GET', '/api/v1/pause-reasons?enabled=false');
    expect(disabled.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/pause-reasons/${id}`)).status).toBe(200);
    expect((await call(a.admin.token, 'GET', `/api/v1/pause-reasons/${id}`)).status).toBe(404);
    const actions = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id', [a.tenantId, id]);
    expect(actions.map((r) => r.action)).toEqual(['pause_reason.create', 'pause_reason.update', 'pause_reason.delete']);
  });

  it('names the field on bad or duplicate input', async () => {
    const bad = await call(a.admin.token, 'POST', '/api/v1/pause-reasons', { name: 'X', code: 'has space' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('body.code');
    const dupName = await call(a.admin.token, 'POST', '/api/v1/pause-reasons', { name: 'Lunch', code: 'lunch2' });
    expect(dupName.status).toBe(409);
    expect(dupName.body.error.details.fields[0].path).toBe('body.name');
    const dupCode = await call(a.admin.token, 'POST', '/api/v1/pause-reasons', { name: 'Lunch 2', code: 'lunch' });
    expect(dupCode.body.error.details.fields[0].path).toBe('body.code');
  });

  it("never shows or changes another tenant's reasons", async () => {
    const theirs = (await call(b.admin.token, 'GET', '/api/v1/pause-reasons')).body.data[0].id;
    expect((await call(a.admin.token, 'GET', `/api/v1/pause-reasons/${theirs}`)).status).toBe(404);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/pause-reasons/${theirs}`, { name: 'Hacked' })).status).toBe(404);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/pause-reasons/${theirs}`)).status).toBe(404);
    expect((await q('SELECT name FROM pause_reasons WHERE id = ?', [theirs]))[0]?.name).not.toBe('Hacked');
    const mine = (await call(a.admin.token, 'GET', '/api/v1/pause-reasons?limit=100')).body.data.map((r: { id: string }) => r.id);
    expect(mine).not.toContain(theirs);
  });
});
