import WebSocket from 'ws';
import type { AriEvent, AriEventOf, AriEventType } from '../types/events';
import { parseAriEvent } from './parse-event';

export type AriConnectionState = 'connecting' | 'connected' | 'degraded';

export type AriLogger = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
};

export type AriEventStreamOptions = {
  /** REST base ending in `/ari` (http or https); the socket uses ws/wss on the same host. */
  baseUrl: string;
  authorization: string;
  app: string;
  subscribeAll?: boolean;
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`, with jitter. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A ping every interval; no pong (or other frame) before the next one ends the socket. */
  pingIntervalMs?: number;
  random?: () => number;
  log?: AriLogger;
};

export type ConnectedInfo = { reconnect: boolean; attempt: number };
type Unsubscribe = () => void;

/**
 * Exponential backoff with "equal jitter": half of each delay fixed, half random, so workers
 * reconnecting to a restarted Asterisk do not stampede. Never above `maxMs`.
 */
export function reconnectDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
) {
  const base = Math.min(maxMs, initialMs * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}

/**
 * The events WebSocket (`GET /ari/events?app=NAME`). It keeps itself connected: jittered
 * exponential reconnect, liveness pings, and a connection state the worker exposes as telephony
 * status. Asterisk replays nothing after a drop (surprise 13), so `onConnected` fires on every
 * (re)connect and the owner must re-read `GET /channels` and reconcile.
 *
 * Handlers run synchronously in arrival order; a throwing handler is logged and skipped.
 */
export function createAriEventStream(options: AriEventStreamOptions) {
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const pingIntervalMs = options.pingIntervalMs ?? 15_000;
  const random = options.random ?? Math.random;

  const typed = new Map<string, Set<(event: AriEvent) => void>>();
  const any = new Set<(event: AriEvent) => void>();
  const stateHandlers = new Set<(state: AriConnectionState, previous: AriConnectionState) => void>();
  const connectedHandlers = new Set<(info: ConnectedInfo) => void>();
  const invalidHandlers = new Set<(reason: string, raw: unknown) => void>();

  let state: AriConnectionState = 'connecting';
  let socket: WebSocket | undefined;
  let running = false;
  let attempt = 0;
  let everConnected = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let alive = true;

  const url = (() => {
    const u = new URL(`${options.baseUrl.replace(/^http/, 'ws')}/events`);
    u.searchParams.set('app', options.app);
    u.searchParams.set('subscribeAll', String(options.subscribeAll ?? false));
    return u.toString();
  })();

  function call<A extends unknown[]>(handlers: Iterable<(...args: A) => void>, ...args: A) {
    for (const handler of handlers) {
      try {
        handler(...args);
      } catch (err) {
        options.log?.warn({ err }, 'ARI event handler failed');
      }
    }
  }

  function setState(next: AriConnectionState) {
    if (next === state) return;
    const previous = state;
    state = next;
    call(stateHandlers, next, previous);
  }

  const nextDelay = () => reconnectDelay(attempt, initialDelayMs, maxDelayMs, random);

  function scheduleReconnect() {
    if (!running || reconnectTimer) return;
    const delay = nextDelay();
    attempt += 1;
    options.log?.info({ app: options.app, attempt, delay }, 'ARI events socket reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, delay);
  }

  function stopPings() {
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = undefined;
  }

  function startPings(ws: WebSocket) {
    alive = true;
    pingTimer = setInterval(() => {
      if (!alive) {
        options.log?.warn({ app: options.app }, 'ARI events socket missed a pong; dropping it');
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, pingIntervalMs);
  }

  function dispatch(data: WebSocket.RawData) {
    const parsed = parseAriEvent(data.toString());
    if (!parsed.ok) {
      call(invalidHandlers, parsed.reason, parsed.raw);
      return;
    }
    call(typed.get(parsed.event.type) ?? [], parsed.event);
    call(any, parsed.event);
  }

  function connect() {
    if (!running) return;
    const ws = new WebSocket(url, { headers: { authorization: options.authorization } });
    socket = ws;
    ws.on('open', () => {
      const reconnect = everConnected;
      everConnected = true;
      const info = { reconnect, attempt };
      attempt = 0;
      startPings(ws);
      setState('connected');
      call(connectedHandlers, info);
    });
    ws.on('message', (data) => {
      alive = true;
      dispatch(data);
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('error', (err) => {
      options.log?.warn({ err: err.message, app: options.app }, 'ARI events socket error');
    });
    ws.on('close', (code) => {
      if (socket === ws) socket = undefined;
      stopPings();
      if (!running) return;
      options.log?.warn({ app: options.app, code }, 'ARI events socket closed');
      setState('degraded');
      scheduleReconnect();
    });
  }

  return {
    get state(): AriConnectionState {
      return state;
    },
    start() {
      if (running) return;
      running = true;
      setState(everConnected ? 'degraded' : 'connecting');
      connect();
    },
    /** Closes the socket and stops reconnecting; resolves once the socket is closed. */
    async stop(): Promise<void> {
      running = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      stopPings();
      const ws = socket;
      socket = undefined;
      if (!ws || ws.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000);
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000).unref();
      });
    },
    on<T extends AriEventType>(type: T, handler: (event: AriEventOf<T>) => void): Unsubscribe {
      const set = typed.get(type) ?? new Set();
      typed.set(type, set);
      const wrapped = handler as (event: AriEvent) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onAny(handler: (event: AriEvent) => void): Unsubscribe {
      any.add(handler);
      return () => any.delete(handler);
    },
    onStateChange(handler: (state: AriConnectionState, previous: AriConnectionState) => void): Unsubscribe {
      stateHandlers.add(handler);
      return () => stateHandlers.delete(handler);
    },
    /** Every successful (re)connect: reconcile state with `GET /channels` here. */
    onConnected(handler: (info: ConnectedInfo) => void): Unsubscribe {
      connectedHandlers.add(handler);
      return () => connectedHandlers.delete(handler);
    },
    /** Frames that are not a known, complete ARI event. */
    onInvalid(handler: (reason: string, raw: unknown) => void): Unsubscribe {
      invalidHandlers.add(handler);
      return () => invalidHandlers.delete(handler);
    },
  };
}

export type AriEventStream = ReturnType<typeof createAriEventStream>;
