import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimCore } from './core';
import { bridgeRoutes } from './rest-bridges';
import { channelRoutes } from './rest-channels';
import { SimHttpError, type SimResponse, type SimRoute } from './rest-kit';
import { resourceRoutes } from './rest-resources';

const routes: SimRoute[] = [...channelRoutes, ...bridgeRoutes, ...resourceRoutes];

export type ControlHandler = (
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
) => Promise<SimResponse>;

export type SimServerOptions = {
  username: string;
  password: string;
  /** The /_sim/ scripting API (same credentials as ARI). */
  control?: ControlHandler;
  log?: { error: (obj: object, msg?: string) => void };
};

type AppSocket = { ws: WebSocket; app: string; subscribeAll: boolean; replaced: boolean };

/** Headers Asterisk's HTTP server puts on every ARI answer (`ast_http_send`); node adds Date. */
const asteriskHeaders = { server: 'Asterisk/22.10.1', 'cache-control': 'no-cache, no-store' };

function send(res: ServerResponse, response: SimResponse) {
  for (const [name, value] of Object.entries(asteriskHeaders)) res.setHeader(name, value);
  if (response.raw) {
    res.writeHead(response.status, { ...response.headers, 'content-length': response.raw.length });
    res.end(response.raw);
    return;
  }
  if (response.body === undefined) {
    res.writeHead(response.status, response.headers).end();
    return;
  }
  const json = Buffer.from(JSON.stringify(response.body));
  res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers, 'content-length': json.length });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString().trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SimHttpError(400, 'Invalid JSON body');
  }
}

function dispatch(
  core: SimCore,
  method: string,
  path: string,
  query: Record<string, string>,
  body: Record<string, unknown> | undefined,
): SimResponse {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = match.slice(1).map((p) => decodeURIComponent(p));
    return route.handle({ core, params, query, body });
  }
  return pathMatched
    ? { status: 405, body: { message: 'Invalid method' } }
    : { status: 404, body: { message: 'Resource not found' } };
}

/** HTTP + WebSocket front of the simulator: `/ari/*` REST, `/ari/events`, `/_sim/*` control. */
export function createSimServer(core: SimCore, options: SimServerOptions) {
  const sockets = new Set<AppSocket>();
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const authorized = (req: IncomingMessage, url: URL) =>
    req.headers.authorization === expected ||
    url.searchParams.get('api_key') === `${options.username}:${options.password}`;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    try {
      if (!authorized(req, url)) {
        send(res, {
          status: 401,
          body: { message: 'Authentication required' },
          headers: { 'www-authenticate': 'Basic realm="Asterisk REST Interface"' },
        });
        return;
      }
      const body = await readJson(req);
      if (url.pathname.startsWith('/_sim/') && options.control) {
        send(res, await options.control(req.method ?? 'GET', url.pathname.slice('/_sim'.length), body));
        return;
      }
      if (!url.pathname.startsWith('/ari/')) {
        send(res, { status: 404, body: { message: 'Resource not found' } });
        return;
      }
      const query = Object.fromEntries(url.searchParams);
      send(res, dispatch(core, req.method ?? 'GET', url.pathname.slice('/ari'.length), query, body));
    } catch (err) {
      if (err instanceof SimHttpError) {
        send(res, { status: err.status, body: { [err.key]: err.message } });
        return;
      }
      options.log?.error({ err }, 'ARI simulator request failed');
      send(res, { status: 500, body: { message: 'Internal Server Error' } });
    }
  });

  // While "down" (an Asterisk that crashed and has not started again) every connection is cut
  // as soon as it opens: REST calls and the events socket fail as they would against a dead host.
  let downUntil = 0;
  server.on('connection', (socket) => {
    if (Date.now() < downUntil) socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const app = url.searchParams.get('app');
    if (url.pathname !== '/ari/events' || !app || !authorized(req, url)) {
      socket.end(`HTTP/1.1 ${app ? 401 : 400} ${app ? 'Unauthorized' : 'Bad Request'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const entry: AppSocket = {
        ws,
        app,
        subscribeAll: url.searchParams.get('subscribeAll') === 'true',
        replaced: false,
      };
      core.knownApps.add(app);
      // One socket per application: the newer wins, the older hears ApplicationReplaced (events.json).
      for (const older of sockets) {
        if (older.app !== app || older.replaced) continue;
        older.replaced = true;
        const replaced = {
          type: 'ApplicationReplaced',
          timestamp: core.now(),
          asterisk_id: core.asteriskId,
          application: app,
        };
        if (older.ws.readyState === older.ws.OPEN) older.ws.send(JSON.stringify(replaced));
      }
      sockets.add(entry);
      ws.on('close', () => sockets.delete(entry));
      ws.on('error', () => sockets.delete(entry));
    });
  });

  const unsubscribe = core.onEvent((event, apps, allOnly) => {
    for (const socket of sockets) {
      const wanted = !socket.replaced && (socket.subscribeAll || (!allOnly && apps.has(socket.app)));
      if (wanted && socket.ws.readyState === socket.ws.OPEN) {
        socket.ws.send(JSON.stringify({ ...event, application: socket.app }));
      }
    }
  });

  return {
    async listen(port: number, host = '127.0.0.1'): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    /** Drops every events socket without a close frame (code 1006 on the client). */
    dropSockets() {
      for (const socket of sockets) socket.ws.terminate();
      sockets.clear();
    },
    socketCount: () => sockets.size,
    /** Cuts every connection and refuses new ones for `ms` (real milliseconds, not scaled). */
    goDown(ms: number) {
      downUntil = Date.now() + ms;
      for (const socket of sockets) socket.ws.terminate();
      sockets.clear();
      server.closeAllConnections();
    },
    async close() {
      unsubscribe();
      for (const socket of sockets) socket.ws.terminate();
      sockets.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SimServer = ReturnType<typeof createSimServer>;
