import { and, asc, eq, gt, like, or, type SQL } from 'drizzle-orm';
import type { ListTrunksQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { trunks } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('trunks');

export type TrunkRow = typeof trunks.$inferSelect;
export type NewTrunkRow = typeof trunks.$inferInsert;
export type TrunkPatch = Partial<Omit<NewTrunkRow, 'id' | 'tenantId' | 'createdAt'>>;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The tenant's own trunks, plus — for reads only — trunks a platform admin shared with every
 * tenant (`tenant_id = ? OR shared = 1`). Writes always match the tenant's own rows.
 */
const visibleTo = (tenantId: string) => or(eq(trunks.tenantId, tenantId), eq(trunks.shared, true));

export function createTrunkRepository(db: Database) {
  return {
    async insert(exec: Executor, row: NewTrunkRow) {
      await exec.insert(trunks).values(row);
    },
    async update(exec: Executor, tenantId: string, id: string, patch: TrunkPatch) {
      await exec
        .update(trunks)
        .set(patch)
        .where(and(eq(trunks.tenantId, tenantId), eq(trunks.id, id)));
    },
    async delete(exec: Executor, tenantId: string, id: string) {
      await exec.delete(trunks).where(and(eq(trunks.tenantId, tenantId), eq(trunks.id, id)));
    },
    async findOwn(
      exec: Executor,
      tenantId: string,
      id: string,
      forUpdate = false,
    ): Promise<TrunkRow | undefined> {
      const q = exec
        .select()
        .from(trunks)
        .where(and(eq(trunks.tenantId, tenantId), eq(trunks.id, id)))
        .limit(1);
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async findVisible(exec: Executor, tenantId: string, id: string): Promise<TrunkRow | undefined> {
      const [row] = await exec
        .select()
        .from(trunks)
        .where(and(visibleTo(tenantId), eq(trunks.id, id)))
        .limit(1);
      return row;
    },
    async findByName(exec: Executor, tenantId: string, name: string): Promise<TrunkRow | undefined> {
      const [row] = await exec
        .select()
        .from(trunks)
        .where(and(eq(trunks.tenantId, tenantId), eq(trunks.name, name)))
        .limit(1);
      return row;
    },
    async list(tenantId: string, q: ListTrunksQuery, afterId: string | null, limit: number) {
      const includeShared = q.include_shared ?? true;
      const search = q.search ? `%${likeEscape(q.search)}%` : null;
      const where: (SQL | undefined)[] = [
        includeShared ? visibleTo(tenantId) : eq(trunks.tenantId, tenantId),
        afterId ? gt(trunks.id, afterId) : undefined,
        q.kind ? eq(trunks.kind, q.kind) : undefined,
        q.enabled !== undefined ? eq(trunks.enabled, q.enabled) : undefined,
        search ? like(trunks.name, search) : undefined,
      ];
      return db
        .select()
        .from(trunks)
        .where(and(...where))
        .orderBy(asc(trunks.id))
        .limit(limit);
    },
    async listEnabledOwn(exec: Executor, tenantId: string) {
      return exec
        .select()
        .from(trunks)
        .where(and(eq(trunks.tenantId, tenantId), eq(trunks.enabled, true)))
        .orderBy(asc(trunks.id));
    },
  };
}
export type TrunkRepository = ReturnType<typeof createTrunkRepository>;
