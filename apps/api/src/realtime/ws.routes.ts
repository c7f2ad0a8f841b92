import { z } from 'zod';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { eventIdSchema, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '@switchboard/contracts';
import type { Container } from '../container';
import { AppError } from '../lib/app-error';
import { contextFromToken } from '../plugins/auth';
import { isTenantContext, type TenantContext } from '../plugins/context';
import type { Connection } from './connection';
import { createHub } from './hub';
import { createMessageHandler, type SocketAuth } from './messages';

const wsQuerySchema = z.object({
  /** For clients that cannot set a subprotocol; browsers use `bearer.<token>` (not logged). */
  token: z.string().min(10).max(4096).optional(),
  since: eventIdSchema.optional(),
});

function tokenFrom(req: FastifyRequest, query: z.infer<typeof wsQuerySchema>): string | null {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header === 'string') {
    for (const p of header.split(',')) {
      const v = p.trim();
      if (v.startsWith(WS_TOKEN_PROTOCOL_PREFIX)) return v.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
    }
  }
  return query.token ?? null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * `/ws`: the one WebSocket endpoint (DESIGN §4). The upgrade is refused with 401 when the token
 * is missing or invalid (W1) and 403 for a foreign Origin (W2) — both before any upgrade.
 * Browsers cannot send an Authorization header on an upgrade, so the route is public to the auth
 * plugin and authenticates here with the same `contextFromToken`.
 */
export const realtimeRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { realtime, agents, config } = container;
  const allowedOrigins = new Set(
    [config.PUBLIC_URL, ...config.CORS_ORIGINS].map(originOf).filter((o): o is string => o !== null),
  );
  const authOpts = { jwt: container.jwt, principals: container.principals, sessions: container.sessions };
  const auth: SocketAuth = {
    async verify(token, base) {
      const claims = await container.jwt.verify(token);
      const ctx = await contextFromToken(token, authOpts, base);
      if (!isTenantContext(ctx)) throw new AppError('FORBIDDEN', 'Switch into a tenant first');
      return { ctx, expiresAtMs: claims.exp * 1000 };
    },
  };

  const hub = createHub({
    bus: realtime.bus,
    eventLog: realtime.eventLog,
    presence: agents.presence,
    metrics: container.metrics,
    log: container.log,
    options: realtime.options,
  });
  const messages = createMessageHandler({ hub, rooms: realtime.rooms, auth, agents });
  const verified = new WeakMap<FastifyRequest, { ctx: TenantContext; expiresAtMs: number }>();

  await app.register(websocket, {
    options: {
      maxPayload: realtime.options.maxPayloadBytes,
      // Select our protocol, never the token entry: the browser requires one of its offers back.
      handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
    },
    // Protocol faults (oversized or malformed frames) are the client's; ws already sent the close.
    errorHandler: (err, socket, req) => {
      const code = (err as Error & { code?: unknown }).code;
      const clientFault = typeof code === 'string' && code.startsWith('WS_ERR_');
      if (clientFault) req.log.warn({ err: err.message }, 'websocket protocol error');
      else req.log.error({ err }, 'websocket error');
      socket.terminate();
    },
    preClose: async function () {
      hub.shutdown();
      await waitForClose(hub.connections, 1000);
    },
  });

  app.get(
    '/ws',
    {
      websocket: true,
      config: { access: { public: true } },
      schema: { hide: true, querystring: wsQuerySchema },
      // The request line may carry `?token=`: keep it out of the per-request info logs.
      logLevel: quieterOf(config.LOG_LEVEL, 'warn'),
      preValidation: async (req) => {
        const origin = req.headers.origin;
        if (origin && !allowedOrigins.has(origin)) throw new AppError('FORBIDDEN', 'Origin not allowed');
        const token = tokenFrom(req, req.query as z.infer<typeof wsQuerySchema>);
        if (!token) throw new AppError('UNAUTHENTICATED', 'Authentication required');
        const who = await auth.verify(token, req.ctx as TenantContext);
        if (hub.socketsOf(who.ctx.userId) >= realtime.options.maxSocketsPerUser) {
          throw new AppError('RATE_LIMITED', 'Too many open connections');
        }
        verified.set(req, who);
      },
    },
    (socket: WebSocket, req) => {
      const who = verified.get(req);
      if (!who) {
        socket.close(1011, 'Not authenticated');
        return;
      }
      const since = (req.query as z.infer<typeof wsQuerySchema>).since;
      // Frames are handled one after another, in order, once the welcome has been sent.
      let ready: Connection | null = null;
      let chain: Promise<Connection | null> = hub
        .accept(socket, who.ctx, who.expiresAtMs, since === undefined ? null : Number(since))
        .catch((err) => {
          container.log.error({ err }, 'accepting a socket failed');
          socket.close(1011, 'Internal error');
          return null;
        });
      void chain.then((conn) => (ready = conn));
      socket.on('message', (raw, isBinary) => {
        if (ready && !messages.admit(ready)) return;
        const admitted = ready !== null;
        chain = chain.then(async (conn) => {
          if (!conn || conn.closed || (!admitted && !messages.admit(conn))) return conn;
          await messages.handle(conn, raw, isBinary);
          return conn;
        });
      });
    },
  );
};

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
function quieterOf(a: (typeof LEVELS)[number], b: (typeof LEVELS)[number]) {
  return LEVELS.indexOf(a) > LEVELS.indexOf(b) ? a : b;
}

/** Resolves when every connection has closed, or after `ms`, terminating the stragglers. */
async function waitForClose(connections: Set<Connection>, ms: number) {
  const deadline = Date.now() + ms;
  while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const conn of connections) conn.socket.terminate();
}
