import { and, asc, eq, gt, like, sum } from 'drizzle-orm';
import type { ListAudioQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { audioFiles, ivrMenus, tenants } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { registerUsageCounter } from '../tenants/limits';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('audio_files', 'ivr_menus');

export type AudioRow = typeof audioFiles.$inferSelect;
const MIB = 1024 * 1024;

async function storedBytes(exec: Executor, tenantId: string): Promise<number> {
  const [r] = await exec.select({ bytes: sum(audioFiles.sizeBytes) }).from(audioFiles).where(eq(audioFiles.tenantId, tenantId));
  return Number(r?.bytes ?? 0);
}

// Audio prompts are the first stored files; modules that store more (attachments, recordings)
// add their bytes to this counter when they arrive.
registerUsageCounter('storage_mb', async (exec, tenantId) => Math.ceil((await storedBytes(exec, tenantId)) / MIB));

export function createAudioRepository(db: Database) {
  return {
    storedBytes: (tenantId: string, exec: Executor = db) => storedBytes(exec, tenantId),
    /** The tenant's storage limit in bytes (null = unlimited), locking the tenant row when asked. */
    async storageLimitBytes(tenantId: string, exec: Executor = db, lock = false): Promise<number | null> {
      const q = exec.select({ limits: tenants.limits }).from(tenants).where(eq(tenants.id, tenantId));
      const [t] = lock ? await q.for('update') : await q;
      const mb = t?.limits.storage_mb ?? null;
      return mb === null ? null : mb * MIB;
    },
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false): Promise<AudioRow | null> {
      const q = exec
        .select()
        .from(audioFiles)
        .where(and(eq(audioFiles.tenantId, tenantId), eq(audioFiles.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    async list(tenantId: string, q: ListAudioQuery, afterId: string | null, limit: number) {
      return db
        .select()
        .from(audioFiles)
        .where(
          and(
            eq(audioFiles.tenantId, tenantId),
            afterId !== null ? gt(audioFiles.id, afterId) : undefined,
            q.search ? like(audioFiles.name, containsPattern(q.search)) : undefined,
          ),
        )
        .orderBy(asc(audioFiles.id))
        .limit(limit);
    },
    async insert(row: typeof audioFiles.$inferInsert, exec: Executor = db) {
      await exec.insert(audioFiles).values(row);
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(audioFiles).where(and(eq(audioFiles.tenantId, tenantId), eq(audioFiles.id, id)));
    },
    /** IVR menus that play this file as their greeting. */
    async usedByMenus(tenantId: string, id: string, exec: Executor = db) {
      return exec
        .select({ id: ivrMenus.id, name: ivrMenus.name })
        .from(ivrMenus)
        .where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.greetingAudioId, id)))
        .limit(20);
    },
  };
}
export type AudioRepository = ReturnType<typeof createAudioRepository>;
