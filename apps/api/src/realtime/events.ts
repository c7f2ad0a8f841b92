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
  return {
    async record(exec: Executor, tenantId: string, items: RealtimeEventInput[]): Promise<BusEvent[]> {
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
    },
    publish(events: BusEvent[]) {
      for (const e of events) deps.bus.publish(e);
    },
    /** Call before a transaction that will `record` for this tenant (cheap after the first time). */
    prepare: (tenantId: string) => deps.repo.ensureStream(tenantId),
    async emit(tenantId: string, items: RealtimeEventInput[]): Promise<BusEvent[]> {
      await deps.repo.ensureStream(tenantId);
      const events = await deps.repo.db.transaction((tx) => this.record(tx, tenantId, items));
      this.publish(events);
      return events;
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
