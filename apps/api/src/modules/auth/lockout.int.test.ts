import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { and, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  bearer,
  createTestApp,
  createTestTenant,
  TEST_PASSWORD,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';
import { auditLog, loginThrottles } from '../../db/schema/index';
import type { MailMessage } from '../../lib/mail/mailer';

// RELIABILITY A2: a guessing attack on an account must slow the attacker, never lock the owner out.

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const advance = (ms: number) => {
  offsetMs += ms;
};
const sent: MailMessage[] = [];
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  t = await createTestApp({
    env: { PUBLIC_URL: 'https://app.example.test' },
    ports: { clock, mailer: { send: async (m) => void sent.push(m) } },
  });
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

let nextAddress = 1;
/** A client address nobody has used yet in this file. */
const freshAddress = () => {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
const login = (
  email: string,
  password: string,
  remoteAddress = freshAddress(),
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { email, password, ...extra },
  });

/** `n` wrong passwords for `email`, each from its own address, a few at a time. */
async function attack(email: string, n: number) {
  for (let i = 0; i < n; i += 4) {
    const batch = Array.from({ length: Math.min(4, n - i) }, (_, j) =>
      login(email, `wrong-password-${i + j}`),
    );
    for (const r of await Promise.all(batch)) expect(r.statusCode, r.body).toBe(401);
  }
}

const errorCode = (r: LightMyRequestResponse) => (r.json() as { error: { code: string } }).error.code;
const shape = (r: LightMyRequestResponse) => {
  const body = r.json() as { error: unknown };
  return { status: r.statusCode, error: body.error, cookies: r.cookies.length };
};

const auditRows = (tenantId: string, userId: string, action: string) =>
  t.app.container.db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, action), eq(auditLog.entityId, userId)));

describe('A2 an attack on an account does not lock its owner out', () => {
  it('50 wrong passwords from 50 addresses, then the right one from a fresh address signs in', async () => {
    // All at once, as an attacker would: the row locks must not deadlock or let any through uncounted.
    const wrong = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(a.agent.email, `wrong-password-${i}`)),
    );
    expect(wrong.map((r) => r.statusCode)).toEqual(Array(50).fill(401));
    const owner = await login(a.agent.email, TEST_PASSWORD);
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('a wrong guess each time a lock would expire does not keep the owner out', async () => {
    await attack(a.admin.email, 50);
    let elapsed = 0;
    for (const at of [6_000, 67_000, 187_000, 427_000, 907_000]) {
      advance(at - elapsed);
      elapsed = at;
      expect((await login(a.admin.email, 'wrong-password-again')).statusCode).toBe(401);
      const owner = await login(a.admin.email, TEST_PASSWORD);
      expect(owner.statusCode, `at +${at / 1000}s: ${owner.body}`).toBe(200);
    }
  });

  it('the attacking address is throttled with 429 and Retry-After, even with the right password; others are not', async () => {
    const attacker = freshAddress();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await login(a.supervisor.email, `wrong-password-${i}`, attacker)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await login(a.supervisor.email, TEST_PASSWORD, attacker);
    expect(right.statusCode).toBe(429);
    expect(errorCode(right)).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(30);
    // An unknown e-mail from the same kind of address is throttled the same way (A3).
    const ghostAddress = freshAddress();
    const ghost: number[] = [];
    for (let i = 0; i < 6; i++)
      ghost.push((await login('ghost@nowhere.test', `wrong-password-${i}`, ghostAddress)).statusCode);
    expect(ghost).toEqual(codes);
    expect((await login(a.supervisor.email, TEST_PASSWORD)).statusCode).toBe(200);

    // The lock passes: the address may try again.
    advance(31_000);
    expect((await login(a.supervisor.email, TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('an address failing across many e-mails is throttled as a whole', async () => {
    const sprayer = freshAddress();
    const codes: number[] = [];
    for (let i = 0; i < 32; i++)
      codes.push((await login(`victim-${i}@nowhere.test`, 'wrong-password', sprayer)).statusCode);
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(codes.slice(31)).toEqual([429]);
  });

  it('tells the owner once by e-mail and in the audit log that the account is being guessed at', async () => {
    await t.app.container.auth.background.drain();
    const notices = (to: string) => sent.filter((m) => m.to === to && /guess/i.test(m.subject));
    expect(notices(a.agent.email)).toHaveLength(1);
    expect(notices(a.admin.email)).toHaveLength(1);
    expect(notices(a.agent.email)[0]!.text).toMatch(/10 wrong passwords/);
    const rows = await auditRows(a.tenantId, a.agent.id, 'auth.login_attack');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toMatchObject({ failures: 10 });
    // A few failures stay below the notice.
    expect(notices(a.supervisor.email)).toHaveLength(0);
  });
});

describe('A2 an extreme attack asks for a second factor instead of refusing silently', () => {
  it('without 2FA: the right password e-mails a one-time link, which signs in once', async () => {
    await attack(b.agent.email, 100);
    sent.length = 0;
    const right = await login(b.agent.email, TEST_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(errorCode(right)).toBe('SIGN_IN_LINK_SENT');
    expect(right.cookies).toHaveLength(0);

    // A wrong password, and an unknown e-mail under the same attack, answer exactly alike (A3).
    const wrong = await login(b.agent.email, 'wrong-password-x');
    await attack('ghost-under-attack@nowhere.test', 100);
    const ghost = await login('ghost-under-attack@nowhere.test', TEST_PASSWORD);
    expect(shape(wrong)).toEqual(shape(right));
    expect(shape(ghost)).toEqual(shape(right));

    await t.app.container.auth.background.drain();
    const mails = sent.filter((m) => /sign-in link/i.test(m.subject));
    expect(mails.map((m) => m.to)).toEqual([b.agent.email]);
    const token = /\/login\/link\?token=([A-Za-z0-9_-]+)/.exec(mails[0]!.text)?.[1];
    expect(token).toBeTruthy();

    const redeem = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login-link',
        remoteAddress: freshAddress(),
        payload: { token },
      });
    const first = await redeem();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.cookies.some((c) => c.name === 'sb_refresh')).toBe(true);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(first.json().data.access_token),
    });
    expect(me.json().data.email).toBe(b.agent.email);
    const again = await redeem();
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe('TOKEN_INVALID');

    const logins = await auditRows(b.tenantId, b.agent.id, 'auth.login');
    expect(logins.some((r) => (r.after as { method?: string }).method === 'email_link')).toBe(true);
  });

  it('under attack the right password takes no longer to answer than a wrong one (A3)', async () => {
    const right: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 7; i++) {
      let start = performance.now();
      expect(errorCode(await login(b.agent.email, TEST_PASSWORD))).toBe('SIGN_IN_LINK_SENT');
      right.push(performance.now() - start);
      start = performance.now();
      expect(errorCode(await login(b.agent.email, 'wrong-password-t'))).toBe('SIGN_IN_LINK_SENT');
      wrong.push(performance.now() - start);
    }
    await t.app.container.auth.background.drain();
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[3]!;
    const [lo, hi] = [Math.min(median(right), median(wrong)), Math.max(median(right), median(wrong))];
    // Generous: catches link work done before answering, not scheduler noise.
    expect(hi, JSON.stringify({ right: median(right), wrong: median(wrong) })).toBeLessThan(lo * 2 + 5);
  });

  it('a link expires after 15 minutes', async () => {
    sent.length = 0;
    expect(errorCode(await login(b.agent.email, TEST_PASSWORD))).toBe('SIGN_IN_LINK_SENT');
    await t.app.container.auth.background.drain();
    const token = /token=([A-Za-z0-9_-]+)/.exec(sent.find((m) => /sign-in link/i.test(m.subject))!.text)![1];
    advance(15 * 60_000 + 1000);
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login-link', payload: { token } });
    expect(late.statusCode).toBe(401);
    // The attack window is over too: the password alone signs in again.
    expect((await login(b.agent.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('with 2FA: the right password and the TOTP code sign in', async () => {
    const enroll = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enroll',
      headers: bearer(b.supervisor.token),
    });
    const secret = (enroll.json() as { data: { secret: string } }).data.secret;
    const code = (step = 0) =>
      OTPAuth.TOTP.generate({
        secret: OTPAuth.Secret.fromBase32(secret),
        timestamp: clock.now().getTime() + step * 30_000,
      });
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      headers: bearer(b.supervisor.token),
      payload: { code: code() },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    advance(30_000);

    await attack(b.supervisor.email, 100);
    sent.length = 0;
    const noCode = await login(b.supervisor.email, TEST_PASSWORD);
    expect(errorCode(noCode)).toBe('TOTP_REQUIRED');
    const withCode = await login(b.supervisor.email, TEST_PASSWORD, freshAddress(), { totp_code: code() });
    expect(withCode.statusCode, withCode.body).toBe(200);
    await t.app.container.auth.background.drain();
    expect(sent.filter((m) => /sign-in link/i.test(m.subject))).toHaveLength(0);
  });

  it('an unknown or malformed link token is refused', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login-link',
      payload: { token: 'x'.repeat(43) },
    });
    expect(bad.statusCode).toBe(401);
    expect(errorCode(bad)).toBe('TOKEN_INVALID');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login-link',
      payload: { token: 'x' },
    });
    expect(short.statusCode).toBe(400);
  });
});

describe('A2 throttle housekeeping', () => {
  it('the worker prunes rows untouched for a day, keeping live locks and recent rows', async () => {
    const db = t.app.container.db;
    const now = clock.now();
    const old = new Date(now.getTime() - 25 * 60 * 60_000);
    const row = (key: string, updatedAt: Date, lockedUntil: Date | null) => ({
      throttleKey: key.padEnd(64, '0'),
      scope: 'pair' as const,
      failures: 3,
      lockedUntil,
      windowStartedAt: updatedAt,
      windowFailures: 3,
      notifiedAt: null,
      updatedAt,
    });
    await db
      .insert(loginThrottles)
      .values([row('aa', old, null), row('ab', old, new Date(now.getTime() + 60_000)), row('ac', now, null)]);
    await t.app.container.auth.throttles.prune(now);
    const left = await db
      .select({ key: loginThrottles.throttleKey })
      .from(loginThrottles)
      .where(
        inArray(
          loginThrottles.throttleKey,
          ['aa', 'ab', 'ac'].map((k) => k.padEnd(64, '0')),
        ),
      );
    expect(left.map((r) => r.key.slice(0, 2)).sort()).toEqual(['ab', 'ac']);
  });
});
