import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { permissions as allPermissions, type Permission } from '@switchboard/contracts';
import { AppError } from '../lib/app-error';
import type { JwtService } from '../lib/jwt';
import type { PrincipalRepository } from '../modules/auth/principal.repository';
import type { SessionCache } from '../modules/auth/session-cache';
import type { RequestContext, RouteAccess, TenantContext } from './context';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** Routes outside the API that do not declare access (plugin-owned documentation routes). */
const UNDECLARED_ALLOWED = [/^\/api\/docs/];

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const [scheme, token] = h.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

export type AuthPluginOptions = {
  jwt: JwtService;
  principals: PrincipalRepository;
  sessions: SessionCache;
  /** Forgets cached principals; called after every successful write, so its effect is seen at once. */
  forgetPrincipals?: () => void;
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Builds `req.ctx` and enforces each route's declared access:
 * public, any signed-in user, platform admin, or a permission (+ optional tenant feature).
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access && !UNDECLARED_ALLOWED.some((re) => re.test(route.url))) {
      throw new Error(`Route ${route.method} ${route.url} declares no access (config.access)`);
    }
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  if (opts.forgetPrincipals) {
    const forget = opts.forgetPrincipals;
    // Before the answer leaves: the caller's next request already sees what this write changed.
    app.addHook('onSend', async (req, reply) => {
      if (!READS.has(req.method) && reply.statusCode < 400) forget();
    });
  }

  app.addHook('onRequest', async (req) => {
    req.ctx = {
      requestId: req.id,
      log: req.log,
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 255) ?? null,
      userId: null,
      userEmail: null,
      tenantId: null,
      role: null,
      permissions: new Set(),
      features: null,
      platformAdmin: false,
      operator: false,
      sessionId: null,
    };
    const access = req.routeOptions.config?.access;
    if (!access || 'public' in access) return;
    const token = bearer(req);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Authentication required');
    await authenticate(req, token, opts);
    authorize(req.ctx, access);
  });
});

/** Verifies an access token and fills the context; shared with the WebSocket upgrade. */
export async function authenticate(req: FastifyRequest, token: string, opts: AuthPluginOptions) {
  req.ctx = await contextFromToken(token, opts, req.ctx);
  req.log = req.log.child({ tenant_id: req.ctx.tenantId, user_id: req.ctx.userId });
  req.ctx.log = req.log;
}

export async function contextFromToken(
  token: string,
  opts: AuthPluginOptions,
  base: RequestContext,
): Promise<RequestContext> {
  const claims = await opts.jwt.verify(token);
  const [p, live] = await Promise.all([
    opts.principals.findForToken(claims.sub, claims.tid, claims.op === true),
    // Every access token is bound to a live session: logout or reuse detection ends it (A6, W8).
    opts.sessions.isLive(claims.sid, claims.sub),
  ]);
  if (!p) throw new AppError('TOKEN_INVALID', 'Invalid access token');
  if (p.status !== 'active') throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  if (p.permVersion !== claims.pv) throw new AppError('TOKEN_INVALID', 'Access changed; sign in again');
  if (p.tenantStatus === 'suspended' && !p.platformAdmin) {
    throw new AppError('TENANT_SUSPENDED', 'This organisation is suspended');
  }
  // Checked after the account, so a disabled user still learns why (ACCOUNT_DISABLED).
  if (!live) throw new AppError('TOKEN_INVALID', 'This session has ended; sign in again');
  const perms: Permission[] = p.platformAdmin ? (p.tenantId ? [...allPermissions] : []) : p.permissions;
  return {
    ...base,
    userId: p.userId,
    userEmail: p.email,
    tenantId: p.tenantId,
    role: p.roleKey,
    permissions: new Set(perms),
    features: p.features,
    platformAdmin: p.platformAdmin,
    operator: p.platformAdmin && p.tenantId !== null,
    sessionId: claims.sid,
  };
}

export function authorize(ctx: RequestContext, access: RouteAccess) {
  if ('public' in access || 'authenticated' in access) return;
  if ('platform' in access) {
    if (!ctx.platformAdmin) throw new AppError('FORBIDDEN', 'Platform administrators only');
    return;
  }
  if (!ctx.tenantId) throw new AppError('FORBIDDEN', 'Switch into a tenant first');
  if (!ctx.permissions.has(access.permission)) {
    throw new AppError('FORBIDDEN', `Missing permission ${access.permission}`);
  }
  if (access.feature && ctx.features && !ctx.features[access.feature]) {
    throw new AppError('FEATURE_DISABLED', `The ${access.feature} feature is not enabled for this organisation`);
  }
}

/** Narrows a request context to a tenant context (routes with a permission always have one). */
export function tenantCtx(req: FastifyRequest): TenantContext {
  const ctx = req.ctx;
  if (!ctx.tenantId || !ctx.userId) throw new AppError('FORBIDDEN', 'Switch into a tenant first');
  return ctx as TenantContext;
}
