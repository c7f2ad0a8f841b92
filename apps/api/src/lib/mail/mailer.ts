import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export type MailMessage = { to: string; subject: string; text: string; html?: string };
/** Outgoing e-mail as a port: SMTP in production and tests, the log in development. */
export type Mailer = { send: (msg: MailMessage) => Promise<void> };

export type MailerOptions = {
  smtpUrl?: string;
  from: string;
  log: FastifyBaseLogger;
  /**
   * Without SMTP, log the message body too, so a developer can follow a reset link (MAIL_LOG_BODIES,
   * never in production). Off by default: bodies carry single-use secrets that must not end up in
   * log storage.
   */
  logBodies?: boolean;
};

export function createMailer(opts: MailerOptions): Mailer {
  if (!opts.smtpUrl) {
    return {
      async send(msg) {
        if (opts.logBodies) {
          opts.log.info({ mail: { to: msg.to, subject: msg.subject, text: msg.text } }, 'e-mail not sent (no SMTP_URL); MAIL_LOG_BODIES shows its text');
          return;
        }
        // Recipient and subject only: the text may hold a reset link with its token.
        opts.log.warn({ mail: { to: msg.to, subject: msg.subject } }, 'e-mail not sent: no SMTP_URL set');
      },
    };
  }
  const url = new URL(opts.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Local test servers and internal relays often run without TLS.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
  });
  return {
    async send(msg) {
      await transport.sendMail({ from: opts.from, ...msg });
    },
  };
}
