import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { createContainer } from '../src/container';

/** Issue 16 point 7a: reset links and their tokens never reach the log unless a developer asks. */
const base = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/switchboard_mail_config_unused',
  JWT_SECRET: 'a'.repeat(32),
};
const reset = { to: 'owner@example.test', subject: 'Reset your password', text: 'https://x.test/reset-password?token=secret-token-123' };

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino(stream), text: () => lines.join('') };
}

async function sendWith(env: Record<string, string>) {
  const { log, text } = capture();
  const container = createContainer(loadConfig({ ...base, ...env }), log);
  try {
    await container.mailer.send(reset);
  } finally {
    await container.close();
  }
  return text();
}

describe('mail without SMTP_URL', () => {
  it('refuses to start in production and names SMTP_URL', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/^\s+SMTP_URL: required in production/m);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.test:587' }).SMTP_URL).toBe(
      'smtp://mail.example.test:587',
    );
  });

  it('refuses MAIL_LOG_BODIES in production', () => {
    expect(() =>
      loadConfig({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.test', MAIL_LOG_BODIES: 'true' }),
    ).toThrow(/^\s+MAIL_LOG_BODIES:/m);
  });

  it('in development logs that the mail was not sent, without the link or its token', async () => {
    const logged = await sendWith({ NODE_ENV: 'development' });
    expect(logged).toContain('not sent');
    expect(logged).toContain('owner@example.test');
    expect(logged).not.toContain('secret-token-123');
    expect(logged).not.toContain('reset-password?');
  });

  it('shows the text only when a developer sets MAIL_LOG_BODIES', async () => {
    const logged = await sendWith({ NODE_ENV: 'development', MAIL_LOG_BODIES: 'true' });
    expect(logged).toContain('secret-token-123');
  });
});
