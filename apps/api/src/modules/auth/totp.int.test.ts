import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { eq } from 'drizzle-orm';
import { bearer, createTestApp, createTestTenant, TEST_PASSWORD, type TestApp, type TestTenant } from '../../../test/helpers';
import { userTotp } from '../../db/schema/index';
import type { MailMessage } from '../../lib/mail/mailer';

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const sent: MailMessage[] = [];
let t: TestApp;
let tenant: TestTenant;
let secret = '';
let recoveryCodes: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ ports: { clock, mailer: { send: async (m) => void sent.push(m) } } });
  tenant = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

const code = (stepOffset = 0) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: clock.now().getTime() + stepOffset * 30_000 });
const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');
const nextStep = () => {
  offsetMs += 30_000;
};
const login = (extra: Record<string, string> = {}, password = TEST_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: tenant.agent.email, password, ...extra } });
const post = (url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: bearer(tenant.agent.token), ...(payload ? { payload } : {}) });

describe('A7 TOTP', () => {
  it('enrols: the secret is encrypted at rest, confirm with a code answers 10 recovery codes', async () => {
    const enroll = await post('/api/v1/auth/totp/enroll');
    expect(enroll.statusCode).toBe(200);
    const data = enroll.json().data as { secret: string; otpauth_url: string; qr_data_url: string };
    secret = data.secret;
    expect(data.otpauth_url).toMatch(/^otpauth:\/\/totp\/Switchboard:/);
    expect(data.qr_data_url).toMatch(/^data:image\/png;base64,/);
    const [row] = await t.app.container.db.select().from(userTotp).where(eq(userTotp.userId, tenant.agent.id));
    expect(row?.secretEnc).not.toContain(secret);
    expect(row?.confirmedAt).toBeNull();

    expect((await post('/api/v1/auth/totp/confirm', { code: wrongCode(code()) })).statusCode).toBe(401);
    const confirm = await post('/api/v1/auth/totp/confirm', { code: code() });
    expect(confirm.statusCode).toBe(200);
    recoveryCodes = confirm.json().data.recovery_codes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tenant.agent.token) });
    expect(me.json().data.totp_enabled).toBe(true);
    expect((await post('/api/v1/auth/totp/enroll')).statusCode).toBe(409);
  });

  it('asks for the code only after the password is right', async () => {
    const wrongPassword = await login({}, 'wrong-password-z');
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    const noCode = await login();
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
  });

  it('a code works once', async () => {
    nextStep();
    const c = code();
    const first = await login({ totp_code: c });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.user.totp_enabled).toBe(true);
    const replay = await login({ totp_code: c });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('TOTP_INVALID');
    nextStep();
    expect((await login({ totp_code: code() })).statusCode).toBe(200);
  });

  it('guesses are limited: after five wrong codes even the right one waits out the lock', async () => {
    nextStep();
    const right = code();
    const guesses = [];
    for (let i = 0; i < 5; i++) guesses.push((await login({ totp_code: wrongCode(right) })).json().error.code);
    expect(guesses).toEqual(Array(5).fill('TOTP_INVALID'));
    const locked = await login({ totp_code: right });
    expect(locked.statusCode).toBe(429);
    offsetMs += 31_000;
    expect((await login({ totp_code: code() })).statusCode).toBe(200);
  });

  it('a recovery code signs in once', async () => {
    const rc = recoveryCodes[0]!;
    expect((await login({ totp_code: rc.toUpperCase() })).statusCode).toBe(200);
    expect((await login({ totp_code: rc })).json().error.code).toBe('TOTP_INVALID');
  });

  it('a password reset does not switch two-factor off', async () => {
    sent.length = 0;
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email: tenant.agent.email } });
    await t.app.container.auth.background.drain();
    const token = /token=([A-Za-z0-9_-]+)/.exec(sent[0]!.text)![1]!;
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/reset-password',
      payload: { token, password: 'after-reset-password' },
    });
    expect(reset.statusCode).toBe(200);
    const res = await login({}, 'after-reset-password');
    expect(res.json().error.code).toBe('TOTP_REQUIRED');
    nextStep();
    const ok = await login({ totp_code: code() }, 'after-reset-password');
    expect(ok.statusCode).toBe(200);
    tenant.agent.token = ok.json().data.access_token;
  });

  it('regenerating recovery codes needs a current code and retires the old ones', async () => {
    nextStep();
    const res = await post('/api/v1/auth/totp/recovery-codes', { code: code() });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().data.recovery_codes as string[];
    expect(fresh).toHaveLength(10);
    expect((await login({ totp_code: recoveryCodes[1]! }, 'after-reset-password')).json().error.code).toBe('TOTP_INVALID');
    expect((await login({ totp_code: fresh[0]! }, 'after-reset-password')).statusCode).toBe(200);
  });

  it('disabling needs the password and a code, is audited, and then sign-in needs no code', async () => {
    nextStep();
    const wrongPassword = await post('/api/v1/auth/totp/disable', { password: 'nope-nope-nope', code: code() });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.details.fields[0].path).toBe('body.password');
    const off = await post('/api/v1/auth/totp/disable', { password: 'after-reset-password', code: code() });
    expect(off.statusCode).toBe(200);
    expect((await login({}, 'after-reset-password')).statusCode).toBe(200);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(tenant.admin.token) });
    const actions = (audit.json().data as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp_enabled', 'auth.totp_disabled', 'auth.recovery_codes_regenerated', 'auth.password_reset']));
  });
});
