import {
  WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
  wsCloseCodes,
  wsServerMessageSchema,
  type WsClientMessage,
  type WsEventEnvelope,
} from '@switchboard/contracts';

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
export type RoomHandler = (event: WsEventEnvelope) => void;

export type RealtimeClientOptions = {
  /** ws:// or wss:// URL of `/ws`. */
  url: string;
  getToken: () => string | null;
  /** Gets a fresh access token (refresh cookie); false when the session is over. */
  refresh: () => Promise<boolean>;
  /** Backoff bounds for reconnects; the delay is drawn at random up to the bound (full jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** The client pings this often; no pong within the same time means a dead connection. */
  pingMs?: number;
};

const SEEN_LIMIT = 2000;

/**
 * The browser side of `/ws`: one socket per tab, rooms counted by their listeners, reconnect
 * with exponential backoff and full jitter, and resume from the last durable event id so a
 * reconnect neither loses nor repeats an event (ids are deduplicated).
 */
export class RealtimeClient {
  private ws: WebSocket | null = null;
  private status: ConnectionStatus = 'idle';
  private readonly rooms = new Map<string, Set<RoomHandler>>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private readonly resyncListeners = new Set<() => void>();
  private lastEventId: bigint | null = null;
  private readonly seen = new Set<string>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private awaitingPong = false;
  private running = false;
  private sentToken: string | null = null;
  private requestSeq = 0;

  constructor(private readonly options: RealtimeClientOptions) {}

  get connectionStatus() {
    return this.status;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.teardown();
    this.setStatus('closed');
  }

  /** Listens to a room; the first listener joins it, the last one to leave leaves it. */
  listen(room: string, handler: RoomHandler): () => void {
    let handlers = this.rooms.get(room);
    if (!handlers) {
      this.rooms.set(room, (handlers = new Set()));
      if (this.status === 'open') this.send({ type: 'subscribe', id: this.nextId(), rooms: [room] });
    }
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size > 0 || this.rooms.get(room) !== handlers) return;
      this.rooms.delete(room);
      if (this.status === 'open') this.send({ type: 'unsubscribe', id: this.nextId(), rooms: [room] });
    };
  }

  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called when more was missed than one replay carries: reload state over HTTP. */
  onResyncRequired(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** A renewed access token replaces the socket's one without reconnecting. */
  tokenChanged() {
    const token = this.options.getToken();
    if (!token) return this.stop();
    if (this.status === 'open' && token !== this.sentToken) {
      this.sentToken = token;
      this.send({ type: 'auth', id: this.nextId(), token });
    }
  }

  send(message: WsClientMessage) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private connect() {
    const token = this.options.getToken();
    if (!this.running) return;
    if (!token) return this.stop();
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.sentToken = token;
    const ws = new WebSocket(this.options.url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`]);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (e) => this.onFrame(e.data);
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.teardown();
      void this.afterClose(e.code, opened);
    };
  }

  private onFrame(raw: unknown) {
    if (typeof raw !== 'string') return;
    const parsed = wsServerMessageSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return;
    const msg = parsed.data;
    switch (msg.type) {
      case 'welcome': {
        this.attempt = 0;
        this.lastEventId ??= BigInt(msg.last_event_id);
        this.setStatus('open');
        this.startPinging();
        if (this.rooms.size) {
          this.send({
            type: 'subscribe',
            id: this.nextId(),
            rooms: [...this.rooms.keys()],
            since: String(this.lastEventId),
          });
        }
        return;
      }
      case 'event':
        return this.dispatch(msg);
      case 'ack':
        if (msg.truncated) this.resyncListeners.forEach((l) => l());
        return;
      case 'pong':
        this.awaitingPong = false;
        return;
      case 'error':
        return;
    }
  }

  private dispatch(event: WsEventEnvelope) {
    if (event.id !== null) {
      if (this.seen.has(event.id)) return;
      this.seen.add(event.id);
      if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
      const id = BigInt(event.id);
      if (this.lastEventId === null || id > this.lastEventId) this.lastEventId = id;
    }
    this.rooms.get(event.room)?.forEach((handler) => handler(event));
  }

  private async afterClose(code: number, opened: boolean) {
    if (!this.running) return;
    // Access ended or changed (4001/4003), or the upgrade was refused before opening (401/403 show
    // up as 1006): a fresh token decides whether to go on. No token means signed out.
    const authProblem = code === wsCloseCodes.reauthenticate || code === wsCloseCodes.revoked || !opened;
    if (authProblem && this.attempt === 0) {
      const ok = await this.options.refresh();
      if (!ok) return this.stop();
    }
    this.attempt += 1;
    const bound = Math.min(
      this.options.maxDelayMs ?? 30_000,
      (this.options.minDelayMs ?? 500) * 2 ** (this.attempt - 1),
    );
    const delay = authProblem && this.attempt === 1 ? 0 : Math.random() * bound;
    this.setStatus('reconnecting');
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private startPinging() {
    const every = this.options.pingMs ?? 25_000;
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      if (this.awaitingPong) {
        // No answer to the last ping: the connection is dead even if the browser has not noticed
        // (its close event may take minutes); drop it and reconnect now.
        this.teardown();
        void this.afterClose(1006, true);
        return;
      }
      this.awaitingPong = true;
      this.send({ type: 'ping', id: this.nextId() });
    }, every);
  }

  private teardown() {
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED && ws.readyState !== WebSocket.CLOSING) ws.close(1000);
  }

  private setStatus(status: ConnectionStatus) {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l(status));
  }

  private nextId() {
    this.requestSeq += 1;
    return `c${this.requestSeq}`;
  }
}
