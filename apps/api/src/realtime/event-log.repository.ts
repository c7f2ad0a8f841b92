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
  /** The id step of a multi-row insert, or null when its ids may interleave (read once). */
  let step: Promise<number | null> | null = null;
  const consecutiveStep = () =>
    (step ??= db
      .execute(sql`SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS inc`)
      .then((result) => {
        const [rows] = result as unknown as [{ mode: number | string; inc: number | string }[]];
        const row = rows[0];
        return row && Number(row.mode) !== 2 ? Number(row.inc) || 1 : null;
      })
      .catch(() => null));
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
      // mysql2 reports only the first id of a multi-row insert. InnoDB gives the rows of one
      // such insert consecutive ids (step auto_increment_increment) unless its auto-increment lock
      // mode is "interleaved" (2): then one INSERT per row. The stream lock is held meanwhile,
      // so one statement instead of one per room shortens every tenant-wide wait.
      const step = rows.length > 1 ? await consecutiveStep() : null;
      if (step !== null) {
        const [res] = await exec.insert(realtimeEvents).values(rows);
        const first = Number(res.insertId);
        rows.forEach((row, i) => out.push({ ...row, id: first + i * step }));
      } else {
        for (const row of rows) {
          const [res] = await exec.insert(realtimeEvents).values(row);
          out.push({ ...row, id: Number(res.insertId) });
        }
      }
      // The stream row is only the tenant's lock (taken by the upsert above): its last_event_id is
      // not kept up to date, one statement fewer in every transaction that records events
      // (docs/decisions/030-router-hot-path.md); the log itself says what the last id is.
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
