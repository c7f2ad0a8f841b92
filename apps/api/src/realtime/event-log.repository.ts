import { and, desc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { realtimeEvents, realtimeStreams } from '../db/schema/index';
import { allowUnscoped, registerTenantTables } from '../lib/query-audit';

registerTenantTables('realtime_events', 'realtime_streams');
allowUnscoped(
  'realtime: retention prunes old events of every tenant by age',
  /^delete from `realtime_events` where `realtime_events`\.`created_at` < \?/i,
);

export type EventLogRow = typeof realtimeEvents.$inferSelect;
export type NewEventLogRow = Omit<typeof realtimeEvents.$inferInsert, 'id'>;

export function createEventLogRepository(db: Database) {
  const knownStreams = new Set<string>();
  return {
    db,
    /**
     * Creates the tenant's stream row in its own statement, outside any transaction: two
     * transactions inserting the same missing row can deadlock; locking an existing one cannot.
     */
    async ensureStream(tenantId: string) {
      if (knownStreams.has(tenantId)) return;
      await db
        .insert(realtimeStreams)
        .values({ tenantId, lastEventId: 0 })
        .onDuplicateKeyUpdate({ set: { lastEventId: sql`${realtimeStreams.lastEventId}` } });
      knownStreams.add(tenantId);
    },
    /**
     * Inserts rows in order inside the caller's transaction; returns them with their ids. The
     * tenant's stream row stays locked until that transaction ends, which orders commits by id.
     */
    async insertMany(tenantId: string, rows: NewEventLogRow[], exec: Executor): Promise<EventLogRow[]> {
      await exec
        .insert(realtimeStreams)
        .values({ tenantId, lastEventId: 0 })
        .onDuplicateKeyUpdate({ set: { lastEventId: sql`${realtimeStreams.lastEventId}` } });
      const out: EventLogRow[] = [];
      // One INSERT per row: mysql2 reports only the first id of a multi-row insert, and these
      // batches are a handful of rooms.
      for (const row of rows) {
        const [res] = await exec.insert(realtimeEvents).values(row);
        out.push({ ...row, id: Number(res.insertId) });
      }
      const last = out.at(-1);
      if (last) {
        await exec
          .update(realtimeStreams)
          .set({ lastEventId: last.id })
          .where(eq(realtimeStreams.tenantId, tenantId));
      }
      return out;
    },
    /** Events of some rooms after `since` (and created from `from` on), oldest first. */
    async listSince(tenantId: string, rooms: string[], since: number, from: Date | null, limit: number) {
      if (rooms.length === 0) return [];
      return db
        .select()
        .from(realtimeEvents)
        .where(
          and(
            eq(realtimeEvents.tenantId, tenantId),
            inArray(realtimeEvents.room, rooms),
            gt(realtimeEvents.id, since),
            from ? gte(realtimeEvents.createdAt, from) : undefined,
          ),
        )
        .orderBy(realtimeEvents.id)
        .limit(limit);
    },
    async latestForTenant(tenantId: string): Promise<number> {
      const [row] = await db
        .select({ id: realtimeEvents.id })
        .from(realtimeEvents)
        .where(eq(realtimeEvents.tenantId, tenantId))
        .orderBy(desc(realtimeEvents.id))
        .limit(1);
      return row?.id ?? 0;
    },
    async pruneOlderThan(cutoff: Date): Promise<number> {
      const [res] = await db.delete(realtimeEvents).where(lt(realtimeEvents.createdAt, cutoff)).limit(5000);
      return res.affectedRows;
    },
  };
}
export type EventLogRepository = ReturnType<typeof createEventLogRepository>;
