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
import { ariServersFromConfig, createAriClient, type AriClient, type AriConnectionState, type AriServerConfig } from './ari/index';
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
import { REACHABILITY_RETRY_MS, syncReachability, type Reachability } from './router/reachability';
import type { RoutingCache } from './router/routing-cache';
import { repeatFilter } from './router/repeats';
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
  /** The routers' memory of DID, queue and phone lookups (none: every call reads the database). */
  routingCache?: RoutingCache;
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
  let simulator: AriSimulator | null = null;
  let demo: DemoGenerator | null = null;
  /** One call router per configured Asterisk, in configuration order (issue 8). */
  const nodes = new Map<string, TelephonyNode>();
  let statsTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let orphansClosed = false;
  const owners = createTelephonyOwnersRepository(deps.db);
  const activeTenants = new Map<string, number>();
  const status: TelephonyStatus = {
    status: 'disabled',
    simulated: false,
    detail: 'No Asterisk configured (ARI_URL or ARI_SERVERS) and the simulator is off',
  };
  /**
   * What each Asterisk last said about each phone (ARA id → server → reachability). All servers
   * read the same ARA tables, so every one lists every phone; a phone is registered on one of
   * them, and the others report it offline. Stored reachability is the combination: reachable
   * when any server can reach it, unreachable when every server that reported says so.
   */
  const reach = new Map<string, Map<string, Reachability>>();
  const combined = (araId: string): Reachability => {
    const by = [...(reach.get(araId)?.values() ?? [])];
    if (by.includes('reachable')) return 'reachable';
    if (by.length && by.every((r) => r === 'unreachable')) return 'unreachable';
    return 'unknown';
  };

  function refreshStatus() {
    const list = [...nodes.values()];
    if (!list.length) return;
    const down = list.filter((n) => n.state !== 'connected');
    status.status = down.length ? 'degraded' : 'connected';
    status.detail = down.length ? down.map((n) => `ARI ${n.state} (${n.server.name})`).join('; ') : null;
    status.servers = list.map((n) => ({
      name: n.server.name,
      status: n.state === 'connected' ? 'connected' : 'degraded',
      detail: n.state === 'connected' ? null : `ARI ${n.state}`,
    }));
  }

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
    const client = createAriClient({ ...server, log });
    const agentPort = createAgentPort({ db: deps.db, agents: deps.agents, clock: deps.clock });
    const r = new CallRouter({
      ari: createAriPort(client),
      directory: createRoutingDirectory(deps.db, deps.routingCache),
      agents: {
        ...agentPort,
        contactStatus(araId, reachability) {
          const by = reach.get(araId) ?? new Map<string, Reachability>();
          by.set(server.name, reachability);
          reach.set(araId, by);
          return agentPort.contactStatus(araId, combined(araId));
        },
      },
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
    const node: TelephonyNode = { server, client, router: r, state: 'connecting' };
    nodes.set(server.name, node);
    const repeats = repeatFilter();
    client.events.onConnected(() => repeats.reset());
    client.events.onAny((e) => {
      if (!repeats.repeated(e)) void r.handle(e as unknown as RouterEvent);
    });
    let connection = 0;
    const sync = (generation: number) => {
      void r
        .runIn('endpoints', () =>
          syncReachability(
            {
              subscribe: (app, source) => client.applications.subscribe(app, source),
              list: () => client.endpoints.listByTech('PJSIP'),
            },
            server.app,
            r.deps,
          ),
        )
        .then(
          ({ subscribed }) => subscribed,
          (err) => {
            log.warn({ err, asterisk: server.name }, 'could not read phone reachability after connecting');
            return false;
          },
        )
        .then((subscribed) => {
          // Until subscribed, no phone state event arrives: try again while this connection lasts.
          if (subscribed) return;
          r.deps.timers.setTimeout(() => {
            if (generation === connection && node.state === 'connected') sync(generation);
          }, REACHABILITY_RETRY_MS);
        });
    };
    client.events.onConnected(() => sync(++connection));
    client.events.onConnected((info) => {
      void r
        .run(async () => {
          if (info.reconnect) return r.recovery.reconcile(node.lostAt ?? null);
          // Calls owned by no configured Asterisk are closed once, by whichever connects first.
          if (!orphansClosed) {
            orphansClosed = true;
            await r.recovery.closeOrphans(await allTenantIds(), configured, lastSeen);
          }
          await r.recovery.takeBack(await activeTenantIds(), lastSeen.get(server.name) ?? null);
        })
        .catch((err) => log.error({ err, asterisk: server.name }, 'could not reconcile calls after connecting'));
    });
    client.events.onStateChange((state) => {
      if (state !== 'connected' && node.state === 'connected') node.lostAt = deps.clock.now();
      node.state = state;
      if (state !== 'connected') {
        // What a server that went away said about phones no longer counts.
        for (const by of reach.values()) by.delete(server.name);
      }
      refreshStatus();
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
    r.start();
    client.connect();
  }

  const notRunning = () =>
    new AppError('TELEPHONY_UNAVAILABLE', 'Telephony is not running in this process (no Asterisk or simulator)');
  const connectedNode = (name: string): TelephonyNode => {
    const node = nodes.get(name);
    if (!node) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        `The call belongs to phone system "${name}", which this worker does not have configured (ARI_SERVERS)`,
        { asterisk: name },
      );
    }
    if (node.state !== 'connected') {
      throw new AppError('SERVICE_UNAVAILABLE', `Phone system "${name}" is not connected (ARI ${node.state}); try again shortly`, {
        asterisk: name,
      });
    }
    return node;
  };

  return {
    status: (): TelephonyStatus => ({ ...status, ...(status.servers ? { servers: status.servers.map((x) => ({ ...x })) } : {}) }),
    /** The first configured server's router, or a clear 503 when this process does not run telephony. */
    router(): CallRouter {
      const first = nodes.values().next().value;
      if (!first) throw notRunning();
      return first.router;
    },
    /** Every server's router, in configuration order. */
    routers: (): CallRouter[] => [...nodes.values()].map((n) => n.router),
    /**
     * The router of the Asterisk that owns a call (its record's `owner`); a record without owner
     * (written before owners existed) goes to the first server. 503 naming the server when that
     * server is not configured here or not connected.
     */
    routerFor(owner: string | null): CallRouter {
      if (!nodes.size) throw notRunning();
      if (owner === null) return this.router();
      return connectedNode(owner).router;
    },
    /**
     * The ARI client of the Asterisk that owns a call (its record's `owner`; none: the first
     * server), for REST reads such as the call's recording file. The same clear 503s as
     * `routerFor` when that server is not configured in this process or not connected.
     */
    ariFor(owner: string | null): AriClient {
      if (!nodes.size) throw notRunning();
      return connectedNode(owner ?? nodes.keys().next().value!).client;
    },
    /**
     * The router for a new call from an agent's phone (click to call): the Asterisk that last
     * reported the phone reachable (where it is registered), else the first connected server.
     */
    routerForPhone(araId: string | null): CallRouter {
      if (!nodes.size) throw notRunning();
      const by = araId ? reach.get(araId) : undefined;
      for (const [name, r] of by ?? []) {
        const node = nodes.get(name);
        if (r === 'reachable' && node?.state === 'connected') return node.router;
      }
      const up = [...nodes.values()].find((n) => n.state === 'connected');
      if (!up) {
        throw new AppError('SERVICE_UNAVAILABLE', `No phone system is connected (${[...nodes.keys()].join(', ')})`);
      }
      return up.router;
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
      if (!servers.length) return;
      const lastSeen = await owners.lastSeen();
      orphansClosed = false;
      for (const server of servers) await owners.started(server.name, deps.clock.now());
      for (const server of servers)
        connect(
          server,
          servers.map((s) => s.name),
          lastSeen,
        );
      refreshStatus();
      const beat = () => {
        for (const n of nodes.values()) {
          if (n.state !== 'connected') continue;
          void owners
            .beat(n.server.name, deps.clock.now())
            .catch((err) => log.warn({ err, asterisk: n.server.name }, 'telephony heartbeat failed'));
        }
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
      const list = [...nodes.values()];
      await Promise.all(
        list.map(async ({ router: r, client, state, server }) => {
          if (simulator) {
            // The in-process simulator's channels die with this process: end its calls now (F7).
            await r
              .run(() => r.recovery.closeAllLive('the demo PBX stopped'))
              .catch((err) => log.warn({ err }, 'could not close the demo PBX calls'));
          }
          if (state === 'connected') {
            await owners
              .beat(server.name, deps.clock.now())
              .catch((err) => log.warn({ err, asterisk: server.name }, 'telephony heartbeat failed'));
          }
          r.stop();
          await r.run(async () => undefined);
          await client.close();
        }),
      );
      await simulator?.stop();
      nodes.clear();
      reach.clear();
      simulator = null;
      status.status = 'disabled';
      delete status.servers;
    },
  };
}
export type Telephony = ReturnType<typeof createTelephony>;

type TelephonyNode = {
  server: AriServerConfig;
  client: AriClient;
  router: CallRouter;
  state: AriConnectionState | 'connecting';
  /** When the events socket was last lost: calls found gone after the reconnect ended then. */
  lostAt?: Date;
};
