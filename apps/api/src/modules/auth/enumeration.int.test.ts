import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, createTestTenant, uniqueSlug, type TestApp, type TestTenant } from '../../../test/helpers';
import { loginThrottles } from '../../db/schema/index';
import type { MailMessage } from '../../lib/mail/mailer';

const sent: MailMessage[] = [];
let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp({ ports: { mailer: { send: async (m) => void sent.push(m) } } });
  tenant = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

/** The answer without what differs per request anyway (request id, time). */
const shape = (res: LightMyRequestResponse) => {
  const body = res.json() as { meta: Record<string, unknown> };
  return { status: res.statusCode, body: { ...body, meta: Object.keys(body.meta).sort() }, cookies: res.cookies.length };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Alternates the two cases so load on the shared machine hits both alike; answers medians in ms. */
async function timeBoth(n: number, known: () => Promise<unknown>, unknown: () => Promise<unknown>) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = performance.now();
    await known();
    a.push(performance.now() - s);
    s = performance.now();
    await unknown();
    b.push(performance.now() - s);
  }
  return { known: median(a), unknown: median(b) };
}

/** Generous: catches a skipped argon2 (tens of ms against ~1 ms), not scheduler noise. */
function expectAlike(m: { known: number; unknown: number }) {
  const [lo, hi] = [Math.min(m.known, m.unknown), Math.max(m.known, m.unknown)];
  expect(hi, JSON.stringify(m)).toBeLessThan(lo * 2 + 5);
}

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
/** Clears the sign-in throttle, so every timed attempt is a checked one rather than a quick 429. */
const unthrottle = () =>
  t.app.container.db.delete(loginThrottles).where(inArray(loginThrottles.scope, ['pair', 'address', 'account']));

describe('A3 no account enumeration', () => {
  it('login: unknown e-mail and wrong password answer alike, in alike time', async () => {
    const known = await post('/api/v1/auth/login', { email: tenant.agent.email, password: 'wrong-password-a' });
    const unknown = await post('/api/v1/auth/login', { email: 'ghost@nowhere.test', password: 'wrong-password-a' });
    expect(shape(known)).toEqual(shape(unknown));
    const m = await timeBoth(
      15,
      async () => {
        await unthrottle();
        await post('/api/v1/auth/login', { email: tenant.agent.email, password: 'wrong-password-b' });
      },
      async () => {
        await unthrottle();
        await post('/api/v1/auth/login', { email: 'ghost@nowhere.test', password: 'wrong-password-b' });
      },
    );
    expectAlike(m);
  });

  it('forgot-password: the same 202 for both, and only the real account gets mail', async () => {
    sent.length = 0;
    const known = await post('/api/v1/auth/forgot-password', { email: tenant.agent.email });
    const unknown = await post('/api/v1/auth/forgot-password', { email: 'ghost@nowhere.test' });
    expect(known.statusCode).toBe(202);
    expect(shape(known)).toEqual(shape(unknown));
    await t.app.container.auth.background.drain();
    expect(sent.map((m) => m.to)).toEqual([tenant.agent.email]);
    const m = await timeBoth(
      15,
      () => post('/api/v1/auth/forgot-password', { email: tenant.agent.email }),
      () => post('/api/v1/auth/forgot-password', { email: 'ghost@nowhere.test' }),
    );
    expectAlike(m);
    await t.app.container.auth.background.drain();
  });

  it('register: an existing e-mail answers like a new one; its owner gets a notice, nothing is created', async () => {
    sent.length = 0;
    const fresh = () => ({
      company_name: 'Acme',
      slug: uniqueSlug('reg'),
      name: 'Ann',
      email: `${uniqueSlug('new')}@acme.test`,
      password: 'a-long-enough-password',
    });
    const a = await post('/api/v1/auth/register', fresh());
    const existing = { ...fresh(), email: tenant.agent.email };
    const b = await post('/api/v1/auth/register', existing);
    expect(a.statusCode).toBe(202);
    expect(shape(a)).toEqual(shape(b));
    await t.app.container.auth.background.drain();
    expect(sent.find((m) => m.to === tenant.agent.email)?.subject).toMatch(/tried to register/);
    expect(await t.app.container.auth.accounts.slugTaken(existing.slug)).toBe(false);
    const m = await timeBoth(
      7,
      () => post('/api/v1/auth/register', fresh()),
      () => post('/api/v1/auth/register', { ...fresh(), email: tenant.agent.email }),
    );
    expectAlike(m);
    await t.app.container.auth.background.drain();
  });
});
