import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

/**
 * Whether a client can pick its own IP with X-Forwarded-For, seen through the strict per-IP
 * limit on login (AUTH_RATE_LIMIT_MAX=2: the third attempt from one IP answers 429).
 */
let byDefault: TestApp;
let trustNone: TestApp;
let trustList: TestApp;

beforeAll(async () => {
  const env = { AUTH_RATE_LIMIT_MAX: '2' };
  byDefault = await createTestApp({ env });
  trustNone = await createTestApp({ env: { ...env, TRUST_PROXY: 'false' } });
  trustList = await createTestApp({ env: { ...env, TRUST_PROXY: '10.0.0.0/8, 192.0.2.10' } });
});
afterAll(async () => {
  await Promise.all([byDefault?.close(), trustNone?.close(), trustList?.close()]);
});

let seq = 0;
/** Status codes of `forwardedFor.length` failed logins, each with its own spoofed header. */
async function attempts(t: TestApp, remoteAddress: string, forwardedFor: string[]) {
  const codes: number[] = [];
  for (const xff of forwardedFor) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': xff },
      payload: { email: `nobody${++seq}@nowhere.test`, password: 'whatever-password' },
    });
    codes.push(res.statusCode);
  }
  return codes;
}
const rotating = (n: number) => Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}`);

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For from a client that is not on loopback (the default)', async () => {
    expect(await attempts(byDefault, '203.0.113.7', rotating(3))).toEqual([401, 401, 429]);
  });

  it('believes the proxy on loopback, so clients behind it are limited one by one', async () => {
    expect(await attempts(byDefault, '127.0.0.1', rotating(3))).toEqual([401, 401, 401]);
    expect(await attempts(byDefault, '::1', ['198.51.100.200', '198.51.100.200', '198.51.100.200'])).toEqual([
      401, 401, 429,
    ]);
  });

  it('with false believes no one, loopback included', async () => {
    expect(await attempts(trustNone, '127.0.0.1', rotating(3))).toEqual([401, 401, 429]);
  });

  it('with a list believes only those addresses and ranges', async () => {
    expect(await attempts(trustList, '10.1.2.3', rotating(3))).toEqual([401, 401, 401]);
    expect(await attempts(trustList, '192.0.2.10', rotating(3))).toEqual([401, 401, 401]);
    expect(await attempts(trustList, '127.0.0.1', rotating(3))).toEqual([401, 401, 429]);
    // A trusted proxy's own X-Forwarded-For chain: the client is the last untrusted hop.
    expect(
      await attempts(trustList, '10.1.2.3', [
        '1.2.3.4, 198.51.100.99',
        '5.6.7.8, 198.51.100.99',
        '198.51.100.99',
      ]),
    ).toEqual([401, 401, 429]);
  });
});
