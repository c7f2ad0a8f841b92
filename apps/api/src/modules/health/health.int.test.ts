import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { migrate } from '../../db/migrator';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('health', () => {
  it('healthz answers while the process is up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
  });

  it('readyz checks the database and migrations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { database: { ok: true }, migrations: { ok: true } } });
  });

  it('migrate is safe to run twice', async () => {
    const again = await migrate(t.url);
    expect(again.applied).toEqual([]);
  });

  it('metrics are in Prometheus format with route and status labels', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toContain('http_requests_total{method="GET",route="/healthz",status="200"}');
    expect(res.body).toContain('http_request_duration_seconds_bucket');
  });

  it('metrics without METRICS_TOKEN answer direct loopback requests only (401 envelope otherwise)', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(401);
    expect(remote.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
    expect(remote.body).not.toContain('http_requests_total');
    const proxied = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.statusCode).toBe(401);
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(local.statusCode).toBe(200);
  });

  it('metrics with METRICS_TOKEN need that bearer, from anywhere', async () => {
    const token = 'metrics-token-0123456789';
    const withToken = await createTestApp({ env: { METRICS_TOKEN: token } });
    try {
      const get = (headers: Record<string, string>) =>
        withToken.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers });
      const refused: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: token }];
      for (const headers of refused) {
        const res = await get(headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(401);
        expect(res.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
      }
      const local = await withToken.app.inject({ method: 'GET', url: '/metrics' });
      expect(local.statusCode, 'loopback needs the token too once it is set').toBe(401);
      const ok = await get({ authorization: `Bearer ${token}` });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('http_request_duration_seconds_bucket');
    } finally {
      await withToken.close();
    }
  });

  it('unknown routes answer the error envelope with the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'abc-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' }, meta: { request_id: 'abc-123' } });
  });

  it('serves OpenAPI 3.1 and the docs UI', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe('3.1.0');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
