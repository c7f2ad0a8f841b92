import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createMailer } from './mailer';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino(stream), lines };
}

const msg = { to: 'a@b.test', subject: 'Reset', text: 'https://x.test/reset-password?token=secret-token' };

describe('mailer without SMTP', () => {
  it('logs the body in development so the link can be followed', async () => {
    const { log, lines } = capture();
    await createMailer({ from: 'x', log, logBodies: true }).send(msg);
    expect(lines.join('')).toContain('secret-token');
  });

  it('keeps single-use secrets out of the log otherwise', async () => {
    const { log, lines } = capture();
    await createMailer({ from: 'x', log }).send(msg);
    expect(lines.join('')).toContain('a@b.test');
    expect(lines.join('')).not.toContain('secret-token');
  });
});
