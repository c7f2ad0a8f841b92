import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { createTestApp, createTestTenant, TEST_PASSWORD, type TestApp, type TestTenant } from '../../../test/helpers';
import { auditLog, loginThrottles, users } from '../../db/schema/index';
import { needsRehash } from '../../lib/passwords';

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp({ ports: { clock } });
  tenant = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

const login = (email: string, password: string, app = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

async function storedHash(userId: string) {
  const [u] = await t.app.container.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.tenantId, tenant.tenantId), eq(users.id, userId)));
  return u!;
}

/** The throttle row of (e-mail, the inject default address 127.0.0.1). */
async function pairThrottle(email: string) {
  const key = t.app.container.auth.sessions.throttleKeys(email, '127.0.0.1').pair;
  const [row] = await t.app.container.db.select().from(loginThrottles).where(eq(loginThrottles.throttleKey, key));
  return { failed: row?.failures ?? 0, lockedUntil: row?.lockedUntil ?? null };
}

describe('A1 password hashing', () => {
  it('stores argon2id with at least m=19456 KiB and t=2', async () => {
    const { hash: stored } = await storedHash(tenant.admin.id);
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(m![2])).toBeGreaterThanOrEqual(2);
  });

  it('upgrades a weaker stored hash at the next successful login', async () => {
    const weak = await hash(TEST_PASSWORD, { algorithm: 1 /* argon2i */, memoryCost: 4096, timeCost: 1 });
    await t.app.container.db
      .update(users)
      .set({ passwordHash: weak })
      .where(and(eq(users.tenantId, tenant.tenantId), eq(users.id, tenant.supervisor.id)));
    expect((await login(tenant.supervisor.email, 'wrong-password-1')).statusCode).toBe(401);
    expect((await storedHash(tenant.supervisor.id)).hash).toBe(weak);
    expect((await login(tenant.supervisor.email, TEST_PASSWORD)).statusCode).toBe(200);
    const upgraded = (await storedHash(tenant.supervisor.id)).hash;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect((await login(tenant.supervisor.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('A2 brute force', () => {
  it('50 parallel wrong passwords from one address are throttled; that address gets back in after the short lock', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(tenant.agent.email, `wrong-password-${i}`)),
    );
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);

    // Only the free attempts and the one that set the lock were checked against the hash.
    await t.app.container.auth.background.drain();
    const entries = await t.app.container.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenantId), eq(auditLog.action, 'auth.login_failed'), eq(auditLog.entityId, tenant.agent.id)));
    const reasons = entries.map((e) => (e.after as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'wrong_password')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'throttled')).toHaveLength(45);

    const state = await pairThrottle(tenant.agent.email);
    expect(state.lockedUntil!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(30_000);

    // While locked even the right password from this address is refused (429, like any unknown
    // e-mail from it); other addresses are not affected (lockout.int.test.ts).
    const during = await login(tenant.agent.email, TEST_PASSWORD);
    expect(during.statusCode).toBe(429);
    expect(during.json().error.code).toBe('RATE_LIMITED');

    offsetMs += 31_000;
    const after = await login(tenant.agent.email, TEST_PASSWORD);
    expect(after.statusCode).toBe(200);
    expect((await pairThrottle(tenant.agent.email)).failed).toBe(0);
  });

  it('a lock never lasts longer than 15 minutes, however many failures', async () => {
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 6; i++) await login(tenant.admin.email, 'wrong-password-x');
      const { lockedUntil } = await pairThrottle(tenant.admin.email);
      expect(lockedUntil!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
      offsetMs += 15 * 60_000 + 1000;
    }
    expect((await login(tenant.admin.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('the strict per-IP limit answers 429 on the auth routes', async () => {
    const limited = await createTestApp({ env: { AUTH_RATE_LIMIT_MAX: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await login('nobody@nowhere.test', 'whatever-password', limited.app)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const forgot = [];
      for (let i = 0; i < 4; i++) {
        forgot.push(
          (await limited.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email: 'a@b.test' } })).statusCode,
        );
      }
      expect(forgot).toEqual([202, 202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});
