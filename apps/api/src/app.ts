import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import { createContainer, type Container, type Ports } from './container';
import { errorsPlugin, sendFrameworkError } from './plugins/errors';
import { jsonBodyPlugin } from './plugins/json-body';
import { authPlugin } from './plugins/auth';
import { securityHeadersPlugin } from './plugins/security-headers';
import { metricsPlugin } from './plugins/metrics';
import { healthRoutes, type ReadinessProbe } from './modules/health/health.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { tenantsRoutes } from './modules/tenants/tenants.routes';
import { ownTenantRoutes } from './modules/tenants/own-tenant.routes';
import { outboundPolicyRoutes } from './modules/outbound/outbound.routes';
import { usersRoutes } from './modules/users/users.routes';
import { rolesRoutes } from './modules/roles/roles.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { endpointRoutes } from './modules/endpoints/endpoints.routes';
import { trunkRoutes } from './modules/trunks/trunks.routes';
import { routingRoutes } from './modules/dids/routing.module';
import { realtimeRoutes } from './realtime/ws.routes';
import { agentsRoutes } from './modules/agents/agents.routes';
import { callsRoutes } from './modules/calls/calls.routes';

export type BuildAppOptions = {
  config: Config;
  ports?: Partial<Ports>;
  /** Use an existing logger (entrypoints); tests pass `false` for silence via LOG_LEVEL. */
  logger?: FastifyBaseLogger;
};

/** Route modules, registered in order. A new module adds one line here. */
const routeModules = [
  auditRoutes,
  authRoutes,
  tenantsRoutes,
  ownTenantRoutes,
  outboundPolicyRoutes,
  usersRoutes,
  rolesRoutes,
  notificationsRoutes,
  endpointRoutes,
  trunkRoutes,
  ...routingRoutes,
  realtimeRoutes,
  agentsRoutes,
  callsRoutes,
] as const;

/** One registered route as the harnesses see it (T1 matrix, route-access table). */
export type RegisteredRoute = { method: string; url: string; access: unknown };

export type App = FastifyInstance & { container: Container; routeTable: RegisteredRoute[] };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildApp({ config, ports = {}, logger }: BuildAppOptions): Promise<App> {
  const app = Fastify({
    ...(logger
      ? { loggerInstance: logger }
      : {
          logger: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          },
        }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const container = createContainer(config, app.log, ports);
  app.decorate('container', container);
  // Collected before any route is registered, so the route table is complete.
  const routeTable: RegisteredRoute[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routeTable.push({
        method,
        url: route.url,
        access: (route.config as { access?: unknown } | undefined)?.access,
      });
    }
  });
  app.addHook('onClose', async () => container.close());
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(errorsPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(metricsPlugin, { registry: container.metrics });
  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // swagger-ui at /api/docs needs its own inline styles and images.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
        },
      },
    },
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '1',
        description: 'Multi-tenant contact center: voice, chat and tickets. Every answer is an envelope.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authPlugin, {
    jwt: container.jwt,
    principals: container.principals,
    sessions: container.sessions,
    forgetPrincipals: container.principals.clear,
  });

  const probes: ReadinessProbe[] = [
    {
      // Telephony down makes the service degraded, not unready: chat and tickets keep working (F5).
      name: 'telephony',
      check: async () => {
        const s = container.telephony.status();
        return {
          ok: s.status !== 'degraded',
          detail: s.detail ?? `${s.status}${s.simulated ? ' (simulated)' : ''}`,
        };
      },
    },
    {
      // Redis away: this instance's sockets still get events; other instances' catch up when it is back (F3).
      name: 'realtime',
      check: async () => {
        const { bus } = container.realtime;
        return {
          ok: bus.healthy(),
          detail: bus.mode === 'redis' ? (bus.healthy() ? 'redis' : 'redis unreachable') : 'in-process',
        };
      },
    },
  ];
  await app.register(healthRoutes, { container, probes });
  for (const mod of routeModules) await app.register(mod, { container });

  return app as unknown as App;
}
