import type { WsEventData, WsEventName } from '@switchboard/contracts';
import type { Executor } from '../db/client';
import type { Clock } from '../lib/clock';
import type { BusEvent, EventBus } from './bus';
import type { EventLogRepository, EventLogRow } from './event-log.repository';
import { assertRoomOfTenant } from './rooms';

/** One event for one room. Build known events with `realtimeEvent` so the payload is typed. */
export type RealtimeEventInput = { room: string; event: string; data: unknown };

export function realtimeEvent<E extends WsEventName>(
  room: string,
  event: E,
  data: WsEventData<E>,
): RealtimeEventInput {
  return { room, event, data };
}

export function toBusEvent(row: EventLogRow): BusEvent {
  return {
    kind: 'event',
    tenantId: row.tenantId,
    room: row.room,
    event: row.type,
    data: row.payload,
    id: row.id,
    ts: row.createdAt.toISOString(),
  };
}

/**
 * How modules push to sockets. Durable events (call events, agent state changes, notifications)
 * are written to `realtime_events` first and published after their transaction commits:
 *
 *   const pending = await db.transaction(async (tx) => { …; return events.record(tx, tenantId, [...]) });
 *   events.publish(pending);
 *
 * or `emit(tenantId, [...])` outside a transaction. Ephemeral events (typing indicators, live
 * ticks a client can recompute) use `emitEphemeral` and are never replayed.
 */
export function createRealtimeEvents(deps: { bus: EventBus; repo: EventLogRepository; clock: Clock }) {
  /**
   * `emit`s of one tenant waiting for the next transaction, and whether one is running: every
   * emit of a tenant takes the tenant's stream lock, so emits asked for while one transaction runs
   * (a burst of calls) are written together by the next, one INSERT for all (group commit), in the
   * order they were asked for.
   */
  type Waiting = {
    items: RealtimeEventInput[];
    done: (events: BusEvent[]) => void;
    failed: (err: unknown) => void;
  };
  const queues = new Map<string, { waiting: Waiting[]; running: boolean }>();
  const flush = async (tenantId: string) => {
    const q = queues.get(tenantId)!;
    q.running = true;
    try {
      while (q.waiting.length) {
        const batch = q.waiting.splice(0, q.waiting.length);
        try {
          await deps.repo.ensureStream(tenantId);
          const items = batch.flatMap((w) => w.items);
          const events = await deps.repo.db.transaction((tx) => record(tx, tenantId, items));
          let at = 0;
          for (const w of batch) {
            const mine = events.slice(at, at + w.items.length);
            at += w.items.length;
            for (const e of mine) deps.bus.publish(e);
            w.done(mine);
          }
        } catch (err) {
          for (const w of batch) w.failed(err);
        }
      }
    } finally {
      q.running = false;
      if (!q.waiting.length) queues.delete(tenantId);
    }
  };
  async function record(exec: Executor, tenantId: string, items: RealtimeEventInput[]): Promise<BusEvent[]> {
    for (const item of items) assertRoomOfTenant(tenantId, item.room);
    const now = deps.clock.now();
    const rows = await deps.repo.insertMany(
      tenantId,
      items.map((i) => ({
        tenantId,
        room: i.room,
        type: i.event,
        payload: i.data ?? null,
        createdAt: now,
      })),
      exec,
    );
    return rows.map(toBusEvent);
  }
  return {
    record,
    publish(events: BusEvent[]) {
      for (const e of events) deps.bus.publish(e);
    },
    /** Call before a transaction that will `record` for this tenant (cheap after the first time). */
    prepare: (tenantId: string) => deps.repo.ensureStream(tenantId),
    /** Writes and publishes events outside any transaction (grouped with the tenant's other emits). */
    async emit(tenantId: string, items: RealtimeEventInput[]): Promise<BusEvent[]> {
      for (const item of items) assertRoomOfTenant(tenantId, item.room);
      if (!items.length) return [];
      let q = queues.get(tenantId);
      if (!q) queues.set(tenantId, (q = { waiting: [], running: false }));
      const result = new Promise<BusEvent[]>((done, failed) => q.waiting.push({ items, done, failed }));
      if (!q.running) void flush(tenantId);
      return result;
    },
    emitEphemeral(tenantId: string, item: RealtimeEventInput) {
      assertRoomOfTenant(tenantId, item.room);
      deps.bus.publish({
        kind: 'event',
        tenantId,
        room: item.room,
        event: item.event,
        data: item.data,
        id: null,
        ts: deps.clock.now().toISOString(),
      });
    },
  };
}
export type RealtimeEvents = ReturnType<typeof createRealtimeEvents>;
