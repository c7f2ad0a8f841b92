import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { bearer, createTestApp, createTestTenant, TEST_PASSWORD, type TestApp, type TestTenant } from '../../../test/helpers';

type Received = { to: string[]; raw: string };
const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${port}?tls=off`, PUBLIC_URL: 'https://app.example.test' },
    ports: { clock },
  });
  tenant = await createTestTenant(t.app);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Undoes quoted-printable soft breaks and escapes, enough to read a link. */
const decodeQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function resetLinkFor(email: string): Promise<string> {
  const before = inbox.length;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email } });
  expect(res.statusCode).toBe(202);
  await t.app.container.auth.background.drain();
  const mail = inbox.slice(before).find((m) => m.to.includes(email));
  expect(mail, 'reset e-mail received by the SMTP server').toBeDefined();
  const link = /https:\/\/app\.example\.test\/reset-password\?token=[A-Za-z0-9_%-]+/.exec(decodeQuotedPrintable(mail!.raw));
  expect(link).not.toBeNull();
  return link![0];
}
const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('token')!);
const reset = (token: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/reset-password', payload: { token, password } });
const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('password reset through a real SMTP server', () => {
  it('the link sets a new password once, ends existing sessions and is audited', async () => {
    const session = (await login(tenant.agent.email, TEST_PASSWORD)).json().data as { refresh_token: string };
    const token = tokenOf(await resetLinkFor(tenant.agent.email));
    const res = await reset(token, 'the-new-password-1');
    expect(res.statusCode).toBe(200);
    expect((await reset(token, 'the-new-password-2')).statusCode).toBe(400);
    expect((await login(tenant.agent.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(tenant.agent.email, 'the-new-password-1')).statusCode).toBe(200);
    const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: session.refresh_token } });
    expect(old.statusCode).toBe(401);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.password_reset', headers: bearer(tenant.admin.token) });
    expect(audit.json().data[0]).toMatchObject({ actor_id: tenant.agent.id, entity_id: tenant.agent.id });
  });

  it('a link expires after 30 minutes', async () => {
    const token = tokenOf(await resetLinkFor(tenant.supervisor.email));
    offsetMs += 31 * 60_000;
    const res = await reset(token, 'too-late-password');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.token');
    offsetMs = 0;
    expect((await login(tenant.supervisor.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a newer link retires the older one', async () => {
    const older = tokenOf(await resetLinkFor(tenant.supervisor.email));
    const newer = tokenOf(await resetLinkFor(tenant.supervisor.email));
    expect((await reset(older, 'older-link-password')).statusCode).toBe(400);
    expect((await reset(newer, 'newer-link-password')).statusCode).toBe(200);
  });

  it('a made-up token is refused and an unknown address gets no mail', async () => {
    expect((await reset('x'.repeat(43), 'some-new-password')).statusCode).toBe(400);
    const before = inbox.length;
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email: 'ghost@nowhere.test' } });
    await t.app.container.auth.background.drain();
    expect(inbox.length).toBe(before);
  });
});
