import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Runs helmet once, at start-up, against a scratch response and keeps the headers it sets. With
 * the options used here (no nonces, nothing taken from the request) helmet's answer is the same for
 * every request, and computing it per request was a measurable part of an API request's cost.
 */
export function staticSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  let failed: unknown = null;
  helmet(options)({ headers: {} } as IncomingMessage, res, (err?: unknown) => {
    failed = err ?? null;
  });
  if (failed) throw failed;
  return headers;
}

/** Every answer carries the same security headers (helmet's, computed once). */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { helmet: HelmetOptions }) => {
  const headers = staticSecurityHeaders(opts.helmet);
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(headers);
  });
});
