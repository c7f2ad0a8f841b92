import WebSocket from 'ws';
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX, type WsServerMessage } from '@switchboard/contracts';
import type { App } from '../app';

/** Test-only: a `/ws` client that records every frame and lets a test wait for one. */
export class TestSocket {
  readonly frames: WsServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { pred: (m: WsServerMessage) => boolean; resolve: (m: WsServerMessage) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as WsServerMessage;
      this.frames.push(msg);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  send(msg: unknown) {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T extends WsServerMessage = WsServerMessage>(
    pred: (m: WsServerMessage) => boolean,
    timeoutMs = 5000,
  ): Promise<T> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  }

  ack(id: string, timeoutMs?: number) {
    return this.waitFor<Extract<WsServerMessage, { type: 'ack' }>>(
      (m) => m.type === 'ack' && m.id === id,
      timeoutMs,
    );
  }

  events(room?: string) {
    return this.frames.filter(
      (m): m is Extract<WsServerMessage, { type: 'event' }> =>
        m.type === 'event' && (!room || m.room === room),
    );
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}

/** Starts the app on a free port and returns its ws:// base URL. */
export async function listen(app: App): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `ws://127.0.0.1:${addr.port}`;
}

export type ConnectOptions = {
  token?: string;
  /** Send the token as `?token=` instead of the subprotocol. */
  viaQuery?: boolean;
  origin?: string;
  since?: string;
  autoPong?: boolean;
};

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(base: string, opts: ConnectOptions = {}): Promise<TestSocket> {
  const params = new URLSearchParams();
  if (opts.token && opts.viaQuery) params.set('token', opts.token);
  if (opts.since) params.set('since', opts.since);
  const protocols = [
    WS_PROTOCOL,
    ...(opts.token && !opts.viaQuery ? [`${WS_TOKEN_PROTOCOL_PREFIX}${opts.token}`] : []),
  ];
  const url = `${base}/ws${params.size ? `?${params}` : ''}`;
  const ws = new WebSocket(url, protocols, {
    headers: { origin: opts.origin ?? 'http://localhost:3000' },
    autoPong: opts.autoPong ?? true,
  });
  const socket = new TestSocket(ws);
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    socket.waitFor((m) => m.type === 'welcome').then(() => resolve(socket), reject);
  });
}
