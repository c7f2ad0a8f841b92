import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

async function call(token: string, method: 'GET' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

describe('own tenant', () => {
  it('shows profile, settings, limits and features to tenant.read holders only', async () => {
    const res = await call(a.supervisor.token, 'GET', '/api/v1/tenant');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: a.tenantId,
      slug: a.slug,
      status: 'active',
      limits: { users: 50 },
      features: { voice: true },
      settings: { short_abandon_seconds: 5, locale: 'en' },
    });
    expect((await call(a.agent.token, 'GET', '/api/v1/tenant')).status).toBe(403);
    expect((await call(a.agent.token, 'GET', '/api/v1/tenant/usage')).status).toBe(403);
  });

  it('lets an admin change name, time zone, business hours, short-abandon threshold and locale; audited', async () => {
    const hours = {
      mon: [
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '18:00' },
      ],
      tue: [],
      wed: [],
      thu: [],
      fri: [{ open: '08:00', close: '16:00' }],
      sat: [],
      sun: [],
    };
    const res = await call(a.admin.token, 'PATCH', '/api/v1/tenant', {
      name: 'Acme Support',
      timezone: 'Asia/Tokyo',
      settings: { business_hours: hours, short_abandon_seconds: 8, locale: 'ja' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: 'Acme Support',
      timezone: 'Asia/Tokyo',
      settings: { business_hours: hours, short_abandon_seconds: 8, locale: 'ja' },
    });
    const partial = await call(a.admin.token, 'PATCH', '/api/v1/tenant', { settings: { locale: 'en' } });
    expect(partial.body.data.settings).toMatchObject({
      business_hours: hours,
      short_abandon_seconds: 8,
      locale: 'en',
    });

    const log = await call(a.admin.token, 'GET', '/api/v1/audit?entity_type=tenant');
    expect(log.body.data).toHaveLength(2);
    expect(log.body.data[1]).toMatchObject({
      action: 'tenant.updated',
      actor_id: a.admin.id,
      entity_id: a.tenantId,
    });
    expect(log.body.data[1].before.settings.short_abandon_seconds).toBe(5);
    expect(log.body.data[1].after.settings.short_abandon_seconds).toBe(8);
  });

  it('names invalid fields and refuses fields a tenant may not change', async () => {
    const bad = await call(a.admin.token, 'PATCH', '/api/v1/tenant', {
      timezone: 'Nowhere/Land',
      settings: { short_abandon_seconds: 999, business_hours: { mon: [{ open: '25:00', close: '26:00' }] } },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.timezone', 'body.settings.short_abandon_seconds']));
    expect(paths.some((p: string) => p.startsWith('body.settings.business_hours'))).toBe(true);

    for (const body of [
      { slug: 'new-slug' },
      { limits: { users: 1000 } },
      { features: { voice: false } },
      { status: 'active' },
    ]) {
      const res = await call(a.admin.token, 'PATCH', '/api/v1/tenant', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(a.supervisor.token, 'PATCH', '/api/v1/tenant', { name: 'Nope' })).status).toBe(403);
  });

  it('reports usage against limits for every key', async () => {
    const res = await call(a.admin.token, 'GET', '/api/v1/tenant/usage');
    expect(res.status).toBe(200);
    expect(res.body.data.users).toEqual({ used: 3, limit: 50 });
    expect(res.body.data.agents).toEqual({ used: 1, limit: 25 });
    expect(res.body.data.chat_widgets.limit).toBe(5);
  });
});
