import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { defaultBusinessHours } from '@switchboard/contracts';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
  await q("UPDATE tenants SET timezone = 'Europe/Berlin' WHERE id = ?", [a.tenantId]);
});
afterAll(async () => t?.close());

async function call(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
async function q(sql: string, params: unknown[] = []) {
  return (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
}
const paths = (body: { error: { details?: { fields?: { path: string }[] } } }) => (body.error.details?.fields ?? []).map((f) => f.path);

describe('schedules', () => {
  it('creates a schedule in the tenant time zone and reads it back', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/schedules', {
      name: 'Support hours',
      weekly_hours: defaultBusinessHours,
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'Support hours',
      timezone: 'Europe/Berlin',
      holidays: [{ date: '2026-12-25', name: 'Christmas', hours: [] }],
    });
    expect((await call(a.supervisor.token, 'GET', `/api/v1/schedules/${res.body.data.id}`)).body.data).toEqual(res.body.data);
  });

  it('names the field for bad hours, dates and duplicates', async () => {
    const badTime = await call(a.admin.token, 'POST', '/api/v1/schedules', {
      name: 'Bad',
      weekly_hours: { ...defaultBusinessHours, mon: [{ open: '25:00', close: '17:00' }] },
    });
    expect(badTime.status).toBe(400);
    expect(paths(badTime.body)).toContain('body.weekly_hours.mon.0.open');
    const missingDay = await call(a.admin.token, 'POST', '/api/v1/schedules', {
      name: 'Bad',
      weekly_hours: { mon: [] },
    });
    expect(missingDay.status).toBe(400);
    const badDate = await call(a.admin.token, 'POST', '/api/v1/schedules', {
      name: 'Bad',
      weekly_hours: defaultBusinessHours,
      holidays: [{ date: '2026-02-30', name: 'Nope' }],
    });
    expect(paths(badDate.body)).toContain('body.holidays.0.date');
    const twice = await call(a.admin.token, 'POST', '/api/v1/schedules', {
      name: 'Bad',
      weekly_hours: defaultBusinessHours,
      holidays: [
        { date: '2026-05-01', name: 'A' },
        { date: '2026-05-01', name: 'B' },
      ],
    });
    expect(paths(twice.body)).toContain('body.holidays.1.date');
    const dup = await call(a.admin.token, 'POST', '/api/v1/schedules', { name: 'Support hours', weekly_hours: defaultBusinessHours });
    expect(dup.status).toBe(409);
    expect(paths(dup.body)).toEqual(['body.name']);
  });

  it('updates, lists with search and deletes, auditing each write', async () => {
    const made = (await call(a.admin.token, 'POST', '/api/v1/schedules', { name: 'Weekend', weekly_hours: defaultBusinessHours })).body.data;
    const upd = await call(a.admin.token, 'PATCH', `/api/v1/schedules/${made.id}`, {
      holidays: [{ date: '2026-01-01', name: 'New year', hours: [{ open: '10:00', close: '14:00' }] }],
    });
    expect(upd.status).toBe(200);
    expect(upd.body.data.holidays[0].hours).toEqual([{ open: '10:00', close: '14:00' }]);
    const list = await call(a.admin.token, 'GET', '/api/v1/schedules?search=Week');
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([made.id]);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/schedules/${made.id}`)).status).toBe(200);
    const actions = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id', [a.tenantId, made.id]);
    expect(actions.map((r) => r.action)).toEqual(['schedule.create', 'schedule.update', 'schedule.delete']);
  });

  it("answers 404 for another tenant's schedule and never lists it", async () => {
    const theirs = (await call(b.admin.token, 'POST', '/api/v1/schedules', { name: 'Theirs', weekly_hours: defaultBusinessHours })).body
      .data;
    expect((await call(a.admin.token, 'GET', `/api/v1/schedules/${theirs.id}`)).status).toBe(404);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/schedules/${theirs.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/schedules/${theirs.id}`)).status).toBe(404);
    const list = await call(a.admin.token, 'GET', '/api/v1/schedules?limit=100');
    expect(JSON.stringify(list.body)).not.toContain(theirs.id);
  });

  it('requires ivr.write to change schedules', async () => {
    expect((await call(a.supervisor.token, 'GET', '/api/v1/schedules')).status).toBe(200);
    expect((await call(a.supervisor.token, 'POST', '/api/v1/schedules', { name: 'X', weekly_hours: defaultBusinessHours })).status).toBe(403);
    expect((await call(a.agent.token, 'GET', '/api/v1/schedules')).status).toBe(403);
  });
});
