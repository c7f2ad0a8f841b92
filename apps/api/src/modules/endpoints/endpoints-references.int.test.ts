import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
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

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url,
    headers: bearer(a.admin.token),
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}
async function made(url: string, payload: object): Promise<string> {
  const res = await call('POST', url, payload);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}
const q = async (sql: string, params: unknown[] = []) =>
  (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];

describe('deleting an endpoint that calls are routed to', () => {
  it('answers 409 naming each DID, queue overflow and IVR menu that still routes to it', async () => {
    const phone = await made('/api/v1/endpoints', {
      extension: '4101',
      display_name: 'Reception',
      voicemail_enabled: true,
    });
    const did = await made('/api/v1/dids', {
      number: '+4940555100',
      destination: { type: 'hangup' },
      time_condition: { mode: 'business_hours' },
      closed_destination: { type: 'voicemail', endpoint_id: phone },
    });
    const queue = await made('/api/v1/queues', {
      name: 'Overflowing',
      overflow_destination: { type: 'endpoint', endpoint_id: phone },
    });
    const menu = await made('/api/v1/ivr-menus', {
      name: 'Front desk',
      options: [{ digit: '1', destination: { type: 'endpoint', endpoint_id: phone } }],
      timeout_destination: { type: 'voicemail', endpoint_id: phone },
    });

    const refused = await call('DELETE', `/api/v1/endpoints/${phone}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
    expect(refused.body.error.message).toContain('DID +4940555100');
    expect(refused.body.error.message).toContain('queue Overflowing');
    expect(refused.body.error.message).toContain('IVR menu Front desk');
    expect((await call('GET', `/api/v1/endpoints/${phone}`)).status).toBe(200);
    expect(await q('SELECT id FROM ps_endpoints WHERE tenantid = ?', [a.tenantId])).toHaveLength(1);

    await call('DELETE', `/api/v1/dids/${did}`);
    await call('PATCH', `/api/v1/queues/${queue}`, { overflow_destination: null });
    const menuOnly = await call('DELETE', `/api/v1/endpoints/${phone}`);
    expect(menuOnly.status).toBe(409);
    expect(menuOnly.body.error.details.referenced_by).toEqual([
      { kind: 'ivr_menu', id: menu, name: 'Front desk' },
    ]);

    await call('PATCH', `/api/v1/ivr-menus/${menu}`, {
      options: [],
      timeout_destination: null,
      invalid_destination: { type: 'voicemail', endpoint_id: phone },
    });
    expect((await call('DELETE', `/api/v1/endpoints/${phone}`)).status).toBe(409);

    await call('PATCH', `/api/v1/ivr-menus/${menu}`, { invalid_destination: null });
    expect((await call('DELETE', `/api/v1/endpoints/${phone}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/endpoints/${phone}`)).status).toBe(404);
  });
});
