import { and, asc, eq, gt, like } from 'drizzle-orm';
import type { ListIvrMenusQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { audioFiles, ivrMenus } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('ivr_menus', 'audio_files');

export type IvrMenuRow = typeof ivrMenus.$inferSelect;
export type NewIvrMenuRow = typeof ivrMenus.$inferInsert;

export function createIvrMenusRepository(db: Database) {
  return {
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false): Promise<IvrMenuRow | null> {
      const q = exec
        .select()
        .from(ivrMenus)
        .where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    async list(tenantId: string, q: ListIvrMenusQuery, afterId: string | null, limit: number) {
      return db
        .select()
        .from(ivrMenus)
        .where(
          and(
            eq(ivrMenus.tenantId, tenantId),
            afterId !== null ? gt(ivrMenus.id, afterId) : undefined,
            q.search ? like(ivrMenus.name, containsPattern(q.search)) : undefined,
          ),
        )
        .orderBy(asc(ivrMenus.id))
        .limit(limit);
    },
    async insert(row: NewIvrMenuRow, exec: Executor = db) {
      await exec.insert(ivrMenus).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<NewIvrMenuRow>, exec: Executor = db) {
      await exec
        .update(ivrMenus)
        .set(patch)
        .where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.id, id)));
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(ivrMenus).where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.id, id)));
    },
    /** Locks the greeting's audio file so it cannot be deleted under the write. */
    async lockAudio(tenantId: string, id: string, exec: Executor = db) {
      const [r] = await exec
        .select({ id: audioFiles.id })
        .from(audioFiles)
        .where(and(eq(audioFiles.tenantId, tenantId), eq(audioFiles.id, id)))
        .for('update');
      return r ?? null;
    },
  };
}
export type IvrMenusRepository = ReturnType<typeof createIvrMenusRepository>;
