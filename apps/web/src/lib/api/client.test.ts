import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, onRefreshed, onSignedOut, refreshAccessToken } from './client';
import { ApiError } from './errors';
import { tokenStore } from './token-store';

type Call = { url: string; method: string; authorization: string | null; body: unknown };

const meta = { request_id: 'req-1', timestamp: '2026-11-24T00:00:00.000Z' };
const sessionUser = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada',
  tenant_id: 't1',
  tenant_name: 'Acme',
  tenant_slug: 'acme',
  tenant_timezone: 'Europe/Paris',
  role: 'admin',
  role_name: 'Admin',
  permissions: ['users.read'],
  platform_admin: false,
  acting_as_operator: false,
  totp_enabled: false,
  locale: 'en',
  features: { voice: true },
};
const tokens = (access: string) => ({
  access_token: access,
  expires_in: 900,
  token_type: 'Bearer',
  refresh_token: 'opaque-refresh-token-value',
  user: sessionUser,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failure = (status: number, code: string, message: string, details?: unknown) =>
  json(status, { success: false, error: { code, message, details }, meta });
const success = (data: unknown, extraMeta: Record<string, unknown> = {}) =>
  json(200, { success: true, data, meta: { ...meta, ...extraMeta } });

let calls: Call[];
let respond: (call: Call) => Response | Promise<Response>;

beforeEach(() => {
  calls = [];
  tokenStore.clear();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      authorization: headers.Authorization ?? null,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return respond(call);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  onSignedOut(null);
  onRefreshed(null);
});

describe('api client', () => {
  it('unwraps the envelope and sends the in-memory token', async () => {
    tokenStore.set('access-1', 900);
    respond = () => success({ id: 'u1' });
    await expect(api.get('/api/v1/users/u1')).resolves.toEqual({ id: 'u1' });
    expect(calls[0]?.authorization).toBe('Bearer access-1');
  });

  it('turns the error envelope into an ApiError with its field errors', async () => {
    respond = () =>
      failure(400, 'VALIDATION_FAILED', 'body.email: Invalid email', {
        fields: [{ path: 'body.email', message: 'Invalid email' }],
      });
    const error = await api.post('/api/v1/users', { email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', requestId: 'req-1' });
    expect((error as ApiError).fields).toEqual([{ path: 'body.email', message: 'Invalid email' }]);
  });

  it('refreshes once on TOKEN_EXPIRED and retries with the new token', async () => {
    tokenStore.set('stale', 900);
    respond = (call) => {
      if (call.url === '/api/v1/auth/refresh') return success(tokens('fresh'));
      return call.authorization === 'Bearer fresh'
        ? success({ ok: true })
        : failure(401, 'TOKEN_EXPIRED', 'Access token expired');
    };
    const refreshed = vi.fn();
    onRefreshed(refreshed);
    await expect(api.get('/api/v1/tenant')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/tenant', '/api/v1/auth/refresh', '/api/v1/tenant']);
    expect(tokenStore.accessToken).toBe('fresh');
    // The session picks up the user the refresh carried (permissions may have changed).
    expect(refreshed).toHaveBeenCalledWith(
      expect.objectContaining({ user: expect.objectContaining({ id: 'u1' }) }),
    );
  });

  it('signs out when the refresh fails, without retrying the request', async () => {
    tokenStore.set('stale', 900);
    const signedOut = vi.fn();
    onSignedOut(signedOut);
    respond = (call) =>
      call.url === '/api/v1/auth/refresh'
        ? failure(401, 'TOKEN_INVALID', 'Refresh token revoked')
        : failure(401, 'TOKEN_EXPIRED', 'Access token expired');
    await expect(api.get('/api/v1/tenant')).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toHaveBeenCalledExactlyOnceWith('session_ended');
    expect(tokenStore.accessToken).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['ACCOUNT_DISABLED', 'This account is disabled', 'account_disabled'],
    ['TENANT_SUSPENDED', 'This organisation is suspended', 'tenant_suspended'],
  ])('signs out on %s from any request, with the reason', async (code, message, reason) => {
    tokenStore.set('still-signed', 900);
    const signedOut = vi.fn();
    onSignedOut(signedOut);
    respond = () => failure(403, code, message);
    await expect(api.patch('/api/v1/queues/q1', { name: 'x' })).rejects.toMatchObject({ status: 403, code });
    expect(signedOut).toHaveBeenCalledExactlyOnceWith(reason);
    expect(tokenStore.accessToken).toBeNull();
    // No refresh is tried: a new token would be refused for the same reason.
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/queues/q1']);
  });

  it('leaves the session alone on other 403s and on a disabled account at sign-in', async () => {
    tokenStore.set('still-signed', 900);
    const signedOut = vi.fn();
    onSignedOut(signedOut);
    respond = () => failure(403, 'FORBIDDEN', 'Missing permission users.write');
    await expect(api.post('/api/v1/users', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    respond = () => failure(403, 'ACCOUNT_DISABLED', 'This account is disabled');
    await expect(
      api.post('/api/v1/auth/login', { email: 'a@b.c', password: 'x' }, { anonymous: true }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(signedOut).not.toHaveBeenCalled();
    expect(tokenStore.accessToken).toBe('still-signed');
  });

  it('does not refresh for other 401s such as a wrong password', async () => {
    respond = () => failure(401, 'INVALID_CREDENTIALS', 'Invalid e-mail or password');
    await expect(
      api.post('/api/v1/auth/login', { email: 'a@b.c', password: 'x' }, { anonymous: true }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password' });
    expect(calls).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers (the API rotates refresh tokens)', async () => {
    respond = (call) => (call.url === '/api/v1/auth/refresh' ? success(tokens('fresh')) : success(null));
    const [a, b] = await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect(a?.access_token).toBe('fresh');
    expect(b?.access_token).toBe('fresh');
    expect(calls.filter((c) => c.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('lists return items and the next cursor, dropping empty query values', async () => {
    respond = () => success([{ id: 'a' }], { next_cursor: 'c2' });
    const page = await api.list('/api/v1/users', {
      search: '',
      status: 'active',
      cursor: undefined,
      limit: 25,
    });
    expect(page).toEqual({ items: [{ id: 'a' }], nextCursor: 'c2' });
    expect(calls[0]?.url).toBe('/api/v1/users?status=active&limit=25');
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.get('/api/v1/tenant')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});
