import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { wsCloseCodes } from '@switchboard/contracts';
import type { TenantContext } from '../plugins/context';
import type { BusEvent, BusMessage, EventBus } from './bus';
import { Connection } from './connection';
import type { EventLogRepository } from './event-log.repository';
import { toBusEvent } from './events';
import type { RealtimeOptions } from './options';
import type { Presence } from './presence';

export type HubDeps = {
  bus: EventBus;
  eventLog: EventLogRepository;
  presence: Presence;
  metrics: Registry;
  log: FastifyBaseLogger;
  options: RealtimeOptions;
};

const roomKey = (tenantId: string, room: string) => `${tenantId}|${room}`;

/**
 * The sockets of this instance and the rooms they joined. Fan-out is indexed by tenant and room,
 * and every delivery re-checks the socket's tenant, so no event crosses tenants (T6).
 */
export function createHub(deps: HubDeps) {
  const { options, log } = deps;
  const connections = new Set<Connection>();
  const byUser = new Map<string, Set<Connection>>();
  const byRoom = new Map<string, Set<Connection>>();

  const gauge = new Gauge({
    name: 'ws_connections',
    help: 'Open WebSocket connections',
    registers: [deps.metrics],
  });
  const sent = new Counter({
    name: 'ws_frames_sent_total',
    help: 'Frames sent to sockets',
    registers: [deps.metrics],
  });
  const closedTotal = new Counter({
    name: 'ws_closed_total',
    help: 'Sockets closed, by close code',
    labelNames: ['code'],
    registers: [deps.metrics],
  });
  const cutOff = new Counter({
    name: 'ws_cut_off_total',
    help: 'Sockets cut off by the server, by reason',
    labelNames: ['reason'],
    registers: [deps.metrics],
  });

  function join(conn: Connection, room: string) {
    conn.rooms.add(room);
    const key = roomKey(conn.tenantId, room);
    let set = byRoom.get(key);
    if (!set) byRoom.set(key, (set = new Set()));
    set.add(conn);
  }

  function leave(conn: Connection, room: string) {
    conn.rooms.delete(room);
    const key = roomKey(conn.tenantId, room);
    const set = byRoom.get(key);
    set?.delete(conn);
    if (set?.size === 0) byRoom.delete(key);
  }

  function fanOut(e: BusEvent) {
    const set = byRoom.get(roomKey(e.tenantId, e.room));
    if (!set) return;
    for (const conn of set) if (conn.tenantId === e.tenantId) conn.deliver(e);
  }

  function closeUser(userId: string, tenantId: string | null, reason: string, sessionId?: string) {
    const set = byUser.get(userId);
    if (!set) return;
    // A role or permission change may still allow access with a fresh token; anything else
    // (logout, password change, disable, token reuse) ends the session.
    const code = /role|perm/i.test(reason) ? wsCloseCodes.reauthenticate : wsCloseCodes.revoked;
    for (const conn of [...set]) {
      if (sessionId && conn.ctx.sessionId !== sessionId) continue;
      if (tenantId === null || conn.tenantId === tenantId) {
        cutOff.inc({ reason: 'revoked' });
        conn.close(code, 'Session ended');
      }
    }
  }

  /**
   * Replays durable events of `rooms` after `since` (and created from `from` on, for a catch-up),
   * holding live ones back meanwhile; ids the socket already got are skipped.
   */
  async function replay(conn: Connection, rooms: string[], since: number, from: Date | null = null) {
    conn.beginReplay();
    try {
      const rows = await deps.eventLog.listSince(conn.tenantId, rooms, since, from, options.replayLimit + 1);
      const truncated = rows.length > options.replayLimit;
      const batch = rows.slice(0, options.replayLimit);
      for (const row of batch) if (!conn.closed) conn.sendEvent(toBusEvent(row));
      return { replayed: batch.length, truncated };
    } finally {
      conn.endReplay();
    }
  }

  /** After a bus outage: what each socket may have missed since `from`, from MySQL (F3). */
  async function catchUpAll(from: Date) {
    for (const conn of [...connections]) {
      if (conn.closed || conn.rooms.size === 0) continue;
      try {
        await replay(conn, [...conn.rooms], conn.startCursor, from);
      } catch (err) {
        log.warn({ err, connection: conn.id }, 'catch-up after a bus interruption failed');
      }
    }
  }

  const unsubscribeBus = deps.bus.subscribe((msg: BusMessage) => {
    if (msg.kind === 'event') fanOut(msg);
    else if (msg.kind === 'revocation') closeUser(msg.userId, msg.tenantId, msg.reason, msg.sessionId);
    else if (msg.kind === 'resync') void catchUpAll(new Date(msg.from));
  });

  async function heartbeat() {
    const seen = new Map<string, Set<string>>();
    for (const conn of connections) {
      if (conn.closed) continue;
      if (conn.awaitingPong) conn.missedPongs += 1;
      if (conn.missedPongs >= 2) {
        cutOff.inc({ reason: 'heartbeat' });
        conn.closed = true;
        conn.socket.terminate();
        continue;
      }
      conn.awaitingPong = true;
      conn.socket.ping();
      if (deps.presence.tracks(conn.ctx)) {
        let users = seen.get(conn.tenantId);
        if (!users) seen.set(conn.tenantId, (users = new Set()));
        users.add(conn.ctx.userId);
      }
    }
    if (seen.size) await deps.presence.seen(seen);
  }
  const heartbeatTimer = setInterval(() => {
    heartbeat().catch((err) => log.warn({ err }, 'heartbeat presence update failed'));
  }, options.heartbeatMs);
  heartbeatTimer.unref();

  return {
    connections,
    options,
    /** Sockets this user holds on this instance. */
    socketsOf: (userId: string) => byUser.get(userId)?.size ?? 0,
    join,
    leave,
    replay,
    catchUpAll,
    /** Registers an authenticated socket; returns its connection once the welcome is sent. */
    async accept(socket: WebSocket, ctx: TenantContext, expiresAtMs: number, since: number | null) {
      const conn = new Connection(socket, ctx, 0, since, options, {
        onSent: () => sent.inc(),
        onCutOff: (reason) => cutOff.inc({ reason }),
      });
      connections.add(conn);
      let mine = byUser.get(ctx.userId);
      if (!mine) byUser.set(ctx.userId, (mine = new Set()));
      mine.add(conn);
      gauge.set(connections.size);
      socket.on('pong', () => {
        conn.awaitingPong = false;
        conn.missedPongs = 0;
      });
      socket.on('close', (code: number) => {
        conn.closed = true;
        clearTimeout(conn.expiryTimer);
        connections.delete(conn);
        byUser.get(conn.ctx.userId)?.delete(conn);
        if (byUser.get(conn.ctx.userId)?.size === 0) byUser.delete(conn.ctx.userId);
        for (const room of [...conn.rooms]) leave(conn, room);
        closedTotal.inc({ code: String(code) });
        gauge.set(connections.size);
      });
      this.scheduleExpiry(conn, expiresAtMs);
      conn.cursor = await deps.eventLog.latestForTenant(ctx.tenantId);
      conn.startCursor = conn.cursor;
      if (deps.presence.tracks(ctx)) {
        await deps.presence.seen(new Map([[ctx.tenantId, new Set([ctx.userId])]]));
      }
      conn.send({
        type: 'welcome',
        connection_id: conn.id,
        user_id: ctx.userId,
        tenant_id: ctx.tenantId,
        heartbeat_ms: options.heartbeatMs,
        last_event_id: String(conn.cursor),
      });
      return conn;
    },
    /** An access token is good until it expires; then the socket must re-authenticate (W8). */
    scheduleExpiry(conn: Connection, expiresAtMs: number) {
      clearTimeout(conn.expiryTimer);
      conn.expiryTimer = setTimeout(
        () => conn.close(wsCloseCodes.reauthenticate, 'Access token expired'),
        Math.max(0, expiresAtMs - Date.now()),
      );
      conn.expiryTimer.unref();
    },
    /** Graceful shutdown: clients reconnect (with jitter) to another instance (F8). */
    shutdown() {
      clearInterval(heartbeatTimer);
      unsubscribeBus();
      for (const conn of [...connections]) conn.close(wsCloseCodes.serviceRestart, 'Server restarting');
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
