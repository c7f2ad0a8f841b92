import type { FastifyBaseLogger } from 'fastify';
import type { TelephonyStatus } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { Pool } from 'mysql2/promise';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { dids, tenants } from '../db/schema/index';
import { AppError } from '../lib/app-error';
import type { Clock } from '../lib/clock';
import type { AgentService } from '../modules/agents/agents.service';
import type { CallsRepository } from '../modules/calls/calls.repository';
import type { QueueStatsService } from '../modules/calls/queue-stats.service';
import type { createRealtime } from '../realtime/realtime';
import { ariServersFromConfig, createAriClient, type AriClient, type AriServerConfig } from './ari/index';
import {
  createControlHandler,
  createDemoGenerator,
  startAriSimulator,
  type AriSimulator,
  type DemoGenerator,
} from './simulator/index';
import { createAgentPort } from './router/agent-adapter';
import { createAriPort } from './router/ari-adapter';
import { CallRouter } from './router/call-router';
import { realTimers, type RouterEvent, type Timers } from './router/ports';
import { syncReachability } from './router/reachability';
import { createRoutingDirectory } from './router/routing-directory';
import { createOutboundPolicyService } from '../modules/outbound/outbound.service';
import { createTelephonyOwnersRepository } from './owners.repository';

type Realtime = ReturnType<typeof createRealtime>;

export type TelephonyDeps = {
  config: Config;
  db: Database;
  log: FastifyBaseLogger;
  clock: Clock;
  realtime: Realtime;
  agents: AgentService;
  calls: CallsRepository;
  queueStats: QueueStatsService;
  timers?: Timers;
  /** The simulator reads provisioned phones and trunks from the ARA tables through it. */
  pool?: Pick<Pool, 'query'>;
};

const STATS_INTERVAL_MS = 2000;
/**
 * How often a connected worker records that it is alive for its phone system. Calls that end
 * unseen (the worker or the phone system went away) are closed at the last beat, so their times
 * are off by at most this much instead of by the whole downtime (F7).
 */
export const OWNER_HEARTBEAT_MS = 10_000;

/**
 * The worker's telephony: one ARI connection (a real Asterisk from ARI_URL, or the built-in
 * simulator as a demo PBX when SIMULATOR is on), the call router fed with its events in order,
 * take-back after restart, reconcile after reconnect, live queue figures pushed to supervisors.
 */
export function createTelephony(deps: TelephonyDeps) {
  const { config, log } = deps;
  let client: AriClient | null = null;
  let simulator: AriSimulator | null = null;
  let demo: DemoGenerator | null = null;
  let router: CallRouter | null = null;
  let statsTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  const owners = createTelephonyOwnersRepository(deps.db);
  const activeTenants = new Map<string, number>();
  const status: TelephonyStatus = {
    status: 'disabled',
    simulated: false,
    detail: 'No Asterisk configured (ARI_URL) and the simulator is off',
  };

  const events = {
    async publish(tenantId: string, rooms: string[], type: string, data: Record<string, unknown>) {
      activeTenants.set(tenantId, deps.clock.now().getTime());
      await deps.realtime.events.emit(
        tenantId,
        rooms.map((room) => ({ room, event: type, data })),
      );
    },
  };

  async function allTenantIds() {
    const rows = await deps.db.select({ id: tenants.id }).from(tenants);
    return rows.map((r) => r.id);
  }

  /**
   * First connection of this run: close what a phone system no longer configured left open, then
   * take back this one's calls. `lastSeen` was read before this run's first heartbeat.
   */
  async function recoverAtStart(
    r: CallRouter,
    configured: string[],
    lastSeen: Map<string, Date>,
    name: string,
  ) {
    await r.recovery.closeOrphans(await allTenantIds(), configured, lastSeen);
    await r.recovery.takeBack(await activeTenantIds(), lastSeen.get(name) ?? null);
  }

  async function activeTenantIds() {
    const rows = await deps.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.status, 'active'));
    return rows.map((r) => r.id);
  }

  /** Queue figures for tenants with call activity in the last minute, to supervisors and queue rooms. */
  async function pushStats() {
    const cutoff = deps.clock.now().getTime() - 60_000;
    for (const [tenantId, at] of activeTenants) {
      if (at < cutoff) {
        activeTenants.delete(tenantId);
        continue;
      }
      const queues = await deps.queueStats.forTenant(tenantId);
      deps.realtime.events.emitEphemeral(tenantId, {
        room: `supervisor:${tenantId}`,
        event: 'queue.stats',
        data: { queues },
      });
      for (const q of queues)
        deps.realtime.events.emitEphemeral(tenantId, {
          room: `queue:${q.queue_id}`,
          event: 'queue.stats',
          data: { queues: [q] },
        });
    }
  }

  /**
   * The demo PBX places realistic simulated calls to the demo tenant's numbers (quick start).
   * SIMULATOR_DEMO_CALLS_PER_MINUTE=0 turns it off; tests drive the simulator themselves.
   */
  async function startDemo() {
    if (!demo || config.SIMULATOR_DEMO_CALLS_PER_MINUTE <= 0) return;
    const [tenant] = await deps.db
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.slug, 'demo'))
      .limit(1);
    if (!tenant) return;
    const rows = await deps.db.select({ number: dids.number }).from(dids).where(eq(dids.tenantId, tenant.id));
    if (!rows.length) return;
    demo.start({ dids: rows.map((r) => r.number), callsPerMinute: config.SIMULATOR_DEMO_CALLS_PER_MINUTE });
    log.info(
      { dids: rows.length, perMinute: config.SIMULATOR_DEMO_CALLS_PER_MINUTE },
      'demo PBX placing simulated calls',
    );
  }

  const outboundPolicy = createOutboundPolicyService({ db: deps.db, clock: deps.clock });
  const outboundGuard = {
    check: (tenantId: string, number: string, userId: string | null) =>
      outboundPolicy.check(tenantId, number, userId ? { kind: 'user-id', userId } : { kind: 'routing' }),
  };

  function connect(server: AriServerConfig, configured: string[], lastSeen: Map<string, Date>) {
    client = createAriClient({ ...server, log });
    router = new CallRouter({
      ari: createAriPort(client),
      directory: createRoutingDirectory(deps.db),
      agents: createAgentPort({ db: deps.db, agents: deps.agents, clock: deps.clock }),
      calls: deps.calls,
      events,
      timers: deps.timers ?? realTimers,
      log: log.child({ component: 'call-router', asterisk: server.name }),
      asteriskId: server.name,
      owner: server.name,
      app: server.app,
      now: () => deps.clock.now(),
      outbound: outboundGuard,
    });
    const r = router;
    client.events.onAny((e) => void r.handle(e as unknown as RouterEvent));
    const ariClient = client;
    client.events.onConnected(() => {
      void r
        .run(() =>
          syncReachability(
            {
              subscribe: (app, source) => ariClient.applications.subscribe(app, source),
              list: () => ariClient.endpoints.listByTech('PJSIP'),
            },
            server.app,
            r.deps,
          ),
        )
        .catch((err) => log.warn({ err }, 'could not read phone reachability after connecting'));
    });
    client.events.onConnected((info) => {
      void r
        .run(async () =>
          info.reconnect ? r.recovery.reconcile() : recoverAtStart(r, configured, lastSeen, server.name),
        )
        .catch((err) => log.error({ err }, 'could not reconcile calls after connecting'));
    });
    client.events.onStateChange((state) => {
      status.status = state === 'connected' ? 'connected' : 'degraded';
      status.detail = state === 'connected' ? null : `ARI ${state} (${server.name})`;
      log.info({ state, asterisk: server.name }, 'telephony connection state');
      // Every tenant's consoles show the phone system's state; tell them when it changes.
      void activeTenantIds()
        .then((ids) => {
          for (const id of ids) {
            deps.realtime.events.emitEphemeral(id, {
              room: `tenant:${id}`,
              event: 'telephony.status',
              data: { ...status },
            });
          }
        })
        .catch((err) => log.warn({ err }, 'could not announce the telephony state'));
    });
    status.status = 'degraded';
    status.detail = `connecting to ${server.name}`;
    r.start();
    client.connect();
  }

  return {
    status: (): TelephonyStatus => ({ ...status }),
    /** The router, or a clear 503 when this process does not run telephony. */
    router(): CallRouter {
      if (!router)
        throw new AppError(
          'TELEPHONY_UNAVAILABLE',
          'Telephony is not running in this process (no Asterisk or simulator)',
        );
      return router;
    },
    simulator: () => simulator,
    async start() {
      let servers = ariServersFromConfig(config);
      if (!servers.length && config.SIMULATOR) {
        simulator = await startAriSimulator({
          port: config.ARI_SIM_PORT,
          log,
          defaultApp: config.ARI_APP,
          araPool: deps.pool,
          control: (sim) => {
            demo = createDemoGenerator(sim);
            return createControlHandler(sim, demo);
          },
        });
        await startDemo();
        servers = [
          {
            name: 'simulator',
            url: simulator.url,
            username: simulator.username,
            password: simulator.password,
            app: config.ARI_APP,
          },
        ];
        status.simulated = true;
      }
      const server = servers[0];
      if (!server) return;
      const lastSeen = await owners.lastSeen();
      await owners.started(server.name, deps.clock.now());
      connect(
        server,
        servers.map((s) => s.name),
        lastSeen,
      );
      const beat = () => {
        if (status.status !== 'connected') return;
        void owners
          .beat(server.name, deps.clock.now())
          .catch((err) => log.warn({ err }, 'telephony heartbeat failed'));
      };
      heartbeatTimer = setInterval(beat, OWNER_HEARTBEAT_MS);
      heartbeatTimer.unref();
      statsTimer = setInterval(
        () => void pushStats().catch((err) => log.warn({ err }, 'queue stats push failed')),
        STATS_INTERVAL_MS,
      );
      statsTimer.unref();
    },
    async stop() {
      clearInterval(statsTimer);
      clearInterval(heartbeatTimer);
      demo?.stop();
      demo = null;
      const r = router;
      if (r && simulator) {
        // The in-process simulator's channels die with this process: end its calls now (F7).
        await r
          .run(() => r.recovery.closeAllLive('the demo PBX stopped'))
          .catch((err) => log.warn({ err }, 'could not close the demo PBX calls'));
      }
      if (r && status.status === 'connected') {
        await owners
          .beat(r.deps.owner, deps.clock.now())
          .catch((err) => log.warn({ err }, 'telephony heartbeat failed'));
      }
      router?.stop();
      await router?.run(async () => undefined);
      await client?.close();
      await simulator?.stop();
      router = null;
      client = null;
      simulator = null;
      status.status = 'disabled';
    },
  };
}
export type Telephony = ReturnType<typeof createTelephony>;
