import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config } from './config';
import { createDb, type DbHandle } from './db/client';
import { createJwtService, type JwtService } from './lib/jwt';
import { createMailer, type Mailer } from './lib/mail/mailer';
import { systemClock, type Clock } from './lib/clock';
import type { QueryAudit } from './lib/query-audit';
import { createMetricsRegistry } from './plugins/metrics';
import { createPrincipalRepository } from './modules/auth/principal.repository';
import { createPrincipalCache } from './modules/auth/principal-cache';
import { createSessionCache } from './modules/auth/session-cache';
import { createAuditService } from './modules/audit/audit.service';
import { createAuditRepository } from './modules/audit/audit.repository';
import { createSessionRevocations } from './lib/session-revocations';
import { createNotificationsRepository } from './modules/notifications/notifications.repository';
import { createNotificationsService } from './modules/notifications/notifications.service';
import { createUsersRepository } from './modules/users/users.repository';
import { createUsersService } from './modules/users/users.service';
import { createRolesRepository } from './modules/roles/roles.repository';
import { createRolesService } from './modules/roles/roles.service';
import { createTenantsRepository } from './modules/tenants/tenants.repository';
import { createTenantsService } from './modules/tenants/tenants.service';
import { createOwnTenantService } from './modules/tenants/own-tenant.service';
import { createAuthModule } from './modules/auth/auth.module';
import { createTelephonyProvisioning } from './telephony/provisioning/index';
import { createEndpointRepository } from './modules/endpoints/endpoints.repository';
import { createEndpointService } from './modules/endpoints/endpoints.service';
import { createTrunkRepository } from './modules/trunks/trunks.repository';
import { createTrunkService } from './modules/trunks/trunks.service';
import { createOutboundPolicyService } from './modules/outbound/outbound.service';
import { createRoutingModule } from './modules/dids/routing.module';
import { createRealtime } from './realtime/realtime';
import type { RealtimeOptions } from './realtime/options';
import { createAgentsRepository } from './modules/agents/agents.repository';
import { createAgentService } from './modules/agents/agents.service';
import { createCallsRepository } from './modules/calls/calls.repository';
import { createCallsService } from './modules/calls/calls.service';
import { createQueueStatsRepository } from './modules/calls/queue-stats.repository';
import { createQueueStatsService } from './modules/calls/queue-stats.service';
import { createTelephony } from './telephony/telephony.service';
import { createRoutingCache, ROUTING_ENTITIES } from './telephony/router/routing-cache';
import type { Timers } from './telephony/router/ports';
import { createRoutingDirectory } from './telephony/router/routing-directory';

/** External systems, passed in so tests can replace them. */
export type Ports = {
  clock: Clock;
  mailer: Mailer;
  queryAudit?: QueryAudit;
  /** The call router's timers (ring timeouts, max wait, IVR waits); tests speed them up. */
  telephonyTimers?: Timers;
  /** Real-time tunables (heartbeat, presence grace, limits); tests shrink the timers. */
  realtime?: Partial<RealtimeOptions>;
};

/**
 * The composition root: database → repositories → services. Every module adds its repository
 * and service here; routes receive the container and call one service method each.
 */
export function createContainer(config: Config, log: FastifyBaseLogger, overrides: Partial<Ports> = {}) {
  const clock = overrides.clock ?? systemClock;
  const mailer =
    overrides.mailer ??
    createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log, logBodies: config.MAIL_LOG_BODIES && config.NODE_ENV !== 'production' });
  const dbHandle: DbHandle = createDb({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    queueLimit: config.DATABASE_QUEUE_LIMIT,
    queryAudit: overrides.queryAudit,
  });
  const { db } = dbHandle;
  const jwt: JwtService = createJwtService({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  });
  const metrics: Registry = createMetricsRegistry();

  const audit = createAuditService({ repo: createAuditRepository(db), clock });
  const sessionRevocations = createSessionRevocations();
  const principals = createPrincipalCache({ principals: createPrincipalRepository(db), revocations: sessionRevocations });
  const auth = createAuthModule({ db, config, clock, mailer, jwt, audit, sessionRevocations, log });
  const ara = createTelephonyProvisioning({ db, config, clock });
  const telephonyDeps = { db, audit, clock, provisioning: ara.provisioning, secrets: ara.secrets };
  const routing = createRoutingModule({ db, audit, clock, config });
  const endpoints = createEndpointService({
    ...telephonyDeps,
    config,
    repo: createEndpointRepository(db),
    destinations: routing.destinations,
  });
  const trunks = createTrunkService({
    ...telephonyDeps,
    repo: createTrunkRepository(db),
    allowPrivateHosts: config.TRUNK_ALLOW_PRIVATE_HOSTS,
  });
  const araSync = ara.syncWith([endpoints.araSource, trunks.araSource]);
  const realtime = createRealtime({ config, db, log, metrics, clock, sessionRevocations, options: overrides.realtime });
  const sessions = createSessionCache({ db, revocations: sessionRevocations, bus: realtime.bus });
  const notifications = createNotificationsService({
    db,
    repo: createNotificationsRepository(db),
    events: realtime.events,
    clock,
  });
  const agents = createAgentService({
    db,
    repo: createAgentsRepository(db),
    events: realtime.events,
    clock,
    options: realtime.options,
    onError: (err) => log.error({ err }, "an agent transition's history or event could not be written"),
  });
  const usersRepo = createUsersRepository(db);
  const rolesRepo = createRolesRepository(db);
  const tenantsRepo = createTenantsRepository(db);
  const accessDeps = { db, audit, sessionRevocations, clock };
  const users = createUsersService({
    ...accessDeps,
    repo: usersRepo,
    roles: rolesRepo,
    notifications,
    agents,
    endpoints,
    mailer,
  });
  const roles = createRolesService({ ...accessDeps, repo: rolesRepo, users: usersRepo });
  const tenants = createTenantsService({ ...accessDeps, repo: tenantsRepo, users: usersRepo });
  const ownTenant = createOwnTenantService({ db, repo: tenantsRepo, audit, clock });
  const outboundPolicy = createOutboundPolicyService({ db, audit, clock });

  const callsRepo = createCallsRepository(db);
  const queueStats = createQueueStatsService({ db, repo: createQueueStatsRepository(db), clock });
  // Started by the worker role (jobs/tasks.ts); the API reads its status and sends it call control.
  // Provisioning changes (each audited by the module that makes it) reach every instance's routers.
  const routingCache = createRoutingCache({ bus: realtime.bus });
  audit.onRecorded((change) => {
    if (ROUTING_ENTITIES.has(change.entityType)) routingCache.changed(change.tenantId);
  });
  const liveTelephony = createTelephony({
    routingCache,
    config,
    db,
    log,
    clock,
    realtime,
    agents,
    calls: callsRepo,
    queueStats,
    timers: overrides.telephonyTimers,
    pool: dbHandle.pool,
  });
  const calls = createCallsService({ db, repo: callsRepo, telephony: liveTelephony, directory: createRoutingDirectory(db), outbound: outboundPolicy, audit });

  const closers: (() => Promise<void>)[] = [];
  // Background auth work (reset and registration mail) finishes before the pool closes.
  closers.push(() => auth.background.drain());
  closers.push(() => realtime.close());
  closers.push(async () => sessions.close());
  closers.push(async () => principals.close());
  return {
    config,
    log,
    clock,
    mailer,
    db,
    dbHandle,
    jwt,
    metrics,
    principals,
    sessions,
    audit,
    sessionRevocations,
    notifications,
    users,
    roles,
    tenants,
    ownTenant,
    outboundPolicy,
    auth,
    provisioning: ara.provisioning,
    endpoints,
    trunks,
    araSync,
    ...routing,
    realtime,
    agents,
    telephony: liveTelephony,
    calls,
    queueStats,
    /** Register something to stop on shutdown (in reverse order of registration). */
    onClose(fn: () => Promise<void>) {
      closers.push(fn);
    },
    async close() {
      for (const fn of closers.reverse()) await fn();
      await dbHandle.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
