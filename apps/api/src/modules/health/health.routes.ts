import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container';
import { pendingMigrations } from '../../db/migrator';
import { AppError } from '../../lib/app-error';

export type ReadinessProbe = { name: string; check: () => Promise<{ ok: boolean; detail?: string; critical?: boolean }> };

const readyzSchema = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string().optional() })),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * /metrics (issue 16 point 7c): with METRICS_TOKEN, only `Authorization: Bearer <token>`
 * (compared in constant time); without it, only a request made directly on the loopback
 * interface: the socket's own address, and no proxy header, since a proxy on the same host
 * would otherwise pass anyone through.
 */
export function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

/**
 * /healthz: the process is up. /readyz: the database answers and migrations are current
 * (503 otherwise, within 5 s even if the database hangs: F1); other modules add probes (ARI)
 * that mark the service degraded without making it unready.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ container: Container; probes: ReadinessProbe[] }> = async (
  app,
  { container, probes },
) => {
  app.get(
    '/healthz',
    { config: { access: { public: true } }, schema: { hide: true } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { config: { access: { public: true } }, schema: { hide: true, response: { 200: readyzSchema, 503: readyzSchema } } },
    async (_req, reply) => {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      let critical = false;
      let degraded = false;
      try {
        await withTimeout(container.dbHandle.pool.query('SELECT 1'), 3000);
        checks.database = { ok: true };
        const pending = await withTimeout(pendingMigrations(container.dbHandle.pool), 3000);
        checks.migrations = pending.length ? { ok: false, detail: `pending: ${pending.join(', ')}` } : { ok: true };
        if (pending.length) critical = true;
      } catch (e) {
        checks.database = { ok: false, detail: (e as Error).message };
        critical = true;
      }
      for (const probe of probes) {
        try {
          const r = await withTimeout(probe.check(), 2000);
          checks[probe.name] = { ok: r.ok, ...(r.detail ? { detail: r.detail } : {}) };
          if (!r.ok && r.critical) critical = true;
          else if (!r.ok) degraded = true;
        } catch (e) {
          checks[probe.name] = { ok: false, detail: (e as Error).message };
          degraded = true;
        }
      }
      const status = critical ? 'unavailable' : degraded ? 'degraded' : 'ok';
      return reply.status(critical ? 503 : 200).send({ status, checks });
    },
  );

  // Public to the access table, guarded here: a METRICS_TOKEN bearer, or a direct loopback request.
  app.get('/metrics', { config: { access: { public: true } }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, container.config.METRICS_TOKEN)) {
      throw new AppError(
        'UNAUTHENTICATED',
        container.config.METRICS_TOKEN ? 'Metrics need the METRICS_TOKEN bearer' : 'Metrics are served on loopback only (or set METRICS_TOKEN)',
      );
    }
    reply.header('content-type', container.metrics.contentType);
    return container.metrics.metrics();
  });
};
