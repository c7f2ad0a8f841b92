import { and, desc, eq, gte, isNull, lt, lte, type SQL } from 'drizzle-orm';
import type { ListAuditQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { auditLog } from '../../db/schema/index';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export function createAuditRepository(db: Database) {
  return {
    async insert(row: NewAuditRow, exec: Executor = db) {
      await exec.insert(auditLog).values(row);
    },
    /** Newest first; `beforeId` is the keyset cursor. `tenantId` null lists platform-level events
     *  (tenant management, operator switches), which are recorded with no tenant. */
    async list(tenantId: string | null, q: ListAuditQuery, beforeId: number | null, limit: number) {
      const where: (SQL | undefined)[] = [
        tenantId === null ? isNull(auditLog.tenantId) : eq(auditLog.tenantId, tenantId),
        beforeId !== null ? lt(auditLog.id, beforeId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.entity_type ? eq(auditLog.entityType, q.entity_type) : undefined,
        q.entity_id ? eq(auditLog.entityId, q.entity_id) : undefined,
        q.actor_id ? eq(auditLog.actorId, q.actor_id) : undefined,
        q.from ? gte(auditLog.createdAt, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.createdAt, new Date(q.to)) : undefined,
      ];
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
