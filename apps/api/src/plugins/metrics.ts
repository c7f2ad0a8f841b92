import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Registry, Histogram, Counter, collectDefaultMetrics } from 'prom-client';

export type Metrics = { registry: Registry };

/** Prometheus metrics: request counts and latency histograms by route and status (at /metrics). */
export const metricsPlugin = fp(async (app: FastifyInstance, opts: { registry: Registry }) => {
  const { registry } = opts;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
});

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
