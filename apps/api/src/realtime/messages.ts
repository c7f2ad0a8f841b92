import type { RawData } from 'ws';
import {
  wsClientMessageSchema,
  wsCloseCodes,
  type AgentStateView,
  type WsClientMessage,
} from '@switchboard/contracts';
import { AppError } from '../lib/app-error';
import type { TenantContext } from '../plugins/context';
import type { Connection } from './connection';
import type { Hub } from './hub';
import type { RoomAuthorizer } from './rooms';

export type SocketAuth = {
  /** Verifies a token as the upgrade does; returns the context and expiry (ms since epoch). */
  verify(token: string, base: TenantContext): Promise<{ ctx: TenantContext; expiresAtMs: number }>;
};

export type AgentCommands = {
  setOwnState(
    ctx: TenantContext,
    input: { state: 'available' | 'paused' | 'away' | 'offline'; reason_id?: string | null },
  ): Promise<AgentStateView>;
};

export type MessageDeps = { hub: Hub; rooms: RoomAuthorizer; auth: SocketAuth; agents: AgentCommands };

const errorFrame = (id: string | null, code: string, message: string, room?: string) =>
  ({ type: 'error', id, code, message, ...(room ? { room } : {}) }) as const;

/** Handles client frames: rate limit on arrival, then parse and one handler per message type. */
export function createMessageHandler(deps: MessageDeps) {
  const { hub } = deps;

  async function subscribe(conn: Connection, msg: Extract<WsClientMessage, { type: 'subscribe' }>) {
    const added: string[] = [];
    for (const room of new Set(msg.rooms)) {
      const verdict = await deps.rooms.authorize(conn.ctx, room);
      if (verdict !== true) {
        conn.send(errorFrame(msg.id ?? null, 'FORBIDDEN', verdict, room));
        continue;
      }
      if (conn.rooms.has(room)) continue;
      if (conn.rooms.size >= hub.options.maxRoomsPerSocket) {
        conn.send(errorFrame(msg.id ?? null, 'LIMIT_REACHED', 'Too many rooms on one connection', room));
        continue;
      }
      added.push(room);
      hub.join(conn, room);
    }
    let since = msg.since !== undefined ? Number(msg.since) : conn.pendingSince;
    if (msg.since === undefined && conn.pendingSince !== null) conn.pendingSince = null;
    if (since === null) since = -1;
    const replay = since >= 0 && added.length ? await hub.replay(conn, added, since) : null;
    conn.send({
      type: 'ack',
      id: msg.id ?? null,
      rooms: [...conn.rooms],
      ...(replay ? { replayed: replay.replayed, truncated: replay.truncated } : {}),
    });
  }

  async function reauthenticate(conn: Connection, msg: Extract<WsClientMessage, { type: 'auth' }>) {
    const { ctx, expiresAtMs } = await deps.auth.verify(msg.token, conn.ctx);
    if (ctx.userId !== conn.ctx.userId || ctx.tenantId !== conn.ctx.tenantId) {
      throw new AppError('FORBIDDEN', 'A socket cannot change user or organisation');
    }
    conn.ctx = ctx;
    hub.scheduleExpiry(conn, expiresAtMs);
    // Permissions may have changed with the new token: keep only rooms still allowed.
    for (const room of [...conn.rooms]) {
      const verdict = await deps.rooms.authorize(ctx, room);
      if (verdict !== true) {
        hub.leave(conn, room);
        conn.send(errorFrame(msg.id ?? null, 'FORBIDDEN', verdict, room));
      }
    }
    conn.send({ type: 'ack', id: msg.id ?? null, rooms: [...conn.rooms] });
  }

  async function dispatch(conn: Connection, msg: WsClientMessage) {
    const id = msg.id ?? null;
    switch (msg.type) {
      case 'ping':
        conn.send({ type: 'pong', id, ts: new Date().toISOString() });
        return;
      case 'subscribe':
        return subscribe(conn, msg);
      case 'unsubscribe':
        for (const room of msg.rooms) hub.leave(conn, room);
        conn.send({ type: 'ack', id, rooms: [...conn.rooms] });
        return;
      case 'resume': {
        const r = await hub.replay(conn, [...conn.rooms], Number(msg.since));
        conn.send({ type: 'ack', id, rooms: [...conn.rooms], replayed: r.replayed, truncated: r.truncated });
        return;
      }
      case 'auth':
        return reauthenticate(conn, msg);
      case 'agent.set_state': {
        if (!conn.ctx.permissions.has('agent.state'))
          throw new AppError('FORBIDDEN', 'Missing permission agent.state');
        const state = await deps.agents.setOwnState(conn.ctx, { state: msg.state, reason_id: msg.reason_id });
        conn.send({ type: 'ack', id, agent_state: state });
        return;
      }
    }
  }

  /**
   * The message budget (W5), checked as each frame arrives rather than when its turn comes, so
   * a flood is dropped at once instead of queueing work that would slow other tenants down.
   */
  function admit(conn: Connection): boolean {
    const verdict = conn.admit();
    if (verdict === 'close') conn.close(wsCloseCodes.rateLimited, 'Too many messages');
    else if (verdict === 'drop') conn.send(errorFrame(null, 'RATE_LIMITED', 'Too many messages, slow down'));
    return verdict === 'ok';
  }

  async function handle(conn: Connection, raw: RawData, isBinary: boolean) {
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary');
      parsed = JSON.parse(raw.toString());
    } catch {
      conn.send(errorFrame(null, 'VALIDATION_FAILED', 'Frames must be JSON text'));
      return;
    }
    const result = wsClientMessageSchema.safeParse(parsed);
    if (!result.success) {
      const reqId =
        typeof (parsed as { id?: unknown })?.id === 'string'
          ? (parsed as { id: string }).id.slice(0, 64)
          : null;
      const issue = result.error.issues[0];
      conn.send(
        errorFrame(
          reqId,
          'VALIDATION_FAILED',
          `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`,
        ),
      );
      return;
    }
    try {
      await dispatch(conn, result.data);
    } catch (err) {
      const id = result.data.id ?? null;
      if (err instanceof AppError) conn.send(errorFrame(id, err.code, err.message));
      else {
        conn.ctx.log.error({ err }, 'real-time message failed');
        conn.send(errorFrame(id, 'INTERNAL', 'Something went wrong'));
      }
    }
  }

  return { admit, handle };
}
