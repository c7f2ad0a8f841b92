import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { wsCloseCodes, type WsServerMessage } from '@switchboard/contracts';
import type { TenantContext } from '../plugins/context';
import type { BusEvent } from './bus';
import type { RealtimeOptions } from './options';

/** A bounded set of recently sent event ids: no id goes out twice on one socket. */
class RecentIds {
  private readonly ids = new Set<number>();
  constructor(private readonly max: number) {}
  has(id: number) {
    return this.ids.has(id);
  }
  add(id: number) {
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as number);
  }
}

/** One serialisation per event, however many sockets of a room receive it. */
const frames = new WeakMap<BusEvent, string>();
function frameOf(e: BusEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) {
    const msg: WsServerMessage = {
      type: 'event',
      id: e.id === null ? null : String(e.id),
      room: e.room,
      event: e.event,
      data: e.data,
      ts: e.ts,
    };
    frame = JSON.stringify(msg);
    frames.set(e, frame);
  }
  return frame;
}

export type ConnectionHooks = {
  onSent: () => void;
  onCutOff: (reason: string) => void;
};

/**
 * One authenticated socket: its context, rooms, resume cursor and limits. Durable events are
 * deduplicated by id; while a replay from MySQL runs, live events wait in a buffer so the
 * client sees the replay first and nothing twice.
 */
export class Connection {
  readonly id = randomUUID();
  readonly rooms = new Set<string>();
  /** Highest durable event id this socket has been sent (or the tenant's newest at connect). */
  cursor: number;
  /** The tenant's newest event id when the socket connected: nothing older is ever replayed to it
   *  unless the client asks with `since`. */
  startCursor = 0;
  /** `?since=` from the URL: applied to the first subscribe that names no `since` of its own. */
  pendingSince: number | null;
  awaitingPong = false;
  missedPongs = 0;
  closed = false;
  expiryTimer: NodeJS.Timeout | undefined;
  private readonly sent = new RecentIds(4096);
  private replays = 0;
  private held: BusEvent[] = [];
  private windowStart = Date.now();
  private windowCount = 0;

  constructor(
    readonly socket: WebSocket,
    public ctx: TenantContext,
    cursor: number,
    since: number | null,
    private readonly options: RealtimeOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.cursor = cursor;
    this.pendingSince = since;
  }

  get tenantId() {
    return this.ctx.tenantId;
  }

  /** Sends a frame unless the socket is closed or its reader fell too far behind (W6). */
  send(msg: WsServerMessage): boolean {
    return this.sendFrame(JSON.stringify(msg));
  }

  private sendFrame(frame: string): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.hooks.onCutOff('slow consumer');
      this.close(wsCloseCodes.slowConsumer, 'Slow consumer');
      // The close frame sits behind the full buffer; drop the socket if it never drains.
      setTimeout(() => this.socket.terminate(), 1000).unref();
      return false;
    }
    this.socket.send(frame);
    this.hooks.onSent();
    return true;
  }

  deliver(e: BusEvent) {
    if (this.replays > 0) this.held.push(e);
    else this.sendEvent(e);
  }

  sendEvent(e: BusEvent) {
    if (e.id !== null) {
      if (this.sent.has(e.id)) return;
      this.sent.add(e.id);
      if (e.id > this.cursor) this.cursor = e.id;
    }
    this.sendFrame(frameOf(e));
  }

  beginReplay() {
    this.replays += 1;
  }

  /** Ends a replay and releases the live events that arrived meanwhile (duplicates dropped). */
  endReplay() {
    this.replays -= 1;
    if (this.replays > 0) return;
    const held = this.held;
    this.held = [];
    for (const e of held) if (this.rooms.has(e.room)) this.sendEvent(e);
  }

  /** Fixed-window message budget (W5): 'ok', 'drop' (over budget) or 'close' (far over it). */
  admit(now = Date.now()): 'ok' | 'drop' | 'close' {
    if (now - this.windowStart >= this.options.rateLimitWindowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    if (this.windowCount <= this.options.rateLimitMessages) return 'ok';
    return this.windowCount > this.options.rateLimitMessages * 2 ? 'close' : 'drop';
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    this.socket.close(code, reason);
  }
}
