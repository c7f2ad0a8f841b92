import type { FastifyBaseLogger } from 'fastify';
import type { FeatureKey, Permission, TenantFeatures } from '@switchboard/contracts';

/**
 * Who is asking, built once per request by the auth plugin from the verified token.
 * Every service method takes it first: `(ctx, input)`.
 */
export type RequestContext = {
  requestId: string;
  log: FastifyBaseLogger;
  ip: string;
  userAgent: string | null;
  userId: string | null;
  userEmail: string | null;
  tenantId: string | null;
  role: string | null;
  permissions: ReadonlySet<Permission>;
  features: TenantFeatures | null;
  platformAdmin: boolean;
  /** A platform admin acting inside a tenant after an explicit, audited switch. */
  operator: boolean;
  sessionId: string | null;
};

/** The context of a signed-in user inside a tenant: what every tenant-data service receives. */
export type TenantContext = RequestContext & { tenantId: string; userId: string };

/** How a route is reached. Every route declares one (the app refuses to start otherwise). */
export type RouteAccess =
  | { public: true }
  | { authenticated: true }
  | { platform: true }
  | { permission: Permission; feature?: FeatureKey };

export function isTenantContext(ctx: RequestContext): ctx is TenantContext {
  return ctx.tenantId !== null && ctx.userId !== null;
}

/** A context for work that no HTTP request started (jobs, the ARI bridge, seeds, tests). */
export function systemContext(
  log: FastifyBaseLogger,
  tenantId: string,
  extra: Partial<RequestContext> = {},
): TenantContext {
  return {
    requestId: `system-${Date.now()}`,
    log,
    ip: '127.0.0.1',
    userAgent: null,
    userId: 'system',
    userEmail: null,
    tenantId,
    role: 'system',
    permissions: new Set(),
    features: null,
    platformAdmin: false,
    operator: false,
    sessionId: null,
    ...extra,
  } as TenantContext;
}
