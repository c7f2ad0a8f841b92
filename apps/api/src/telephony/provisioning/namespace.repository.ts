import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { telephonyNamespaces, tenants } from '../../db/schema/index';
import { allowUnscoped, registerTenantTables } from '../../lib/query-audit';

registerTenantTables('telephony_namespaces');
allowUnscoped(
  'ara:sync rebuilds the ARA rows of every tenant, so it lists all telephony namespaces once',
  /^select .* from `telephony_namespaces` inner join `tenants` on .*where `tenants`\.`deleted_at` is null/is,
);

export function createNamespaceRepository() {
  return {
    async findNumber(exec: Executor, tenantId: string): Promise<number | null> {
      const [row] = await exec
        .select({ number: telephonyNamespaces.number })
        .from(telephonyNamespaces)
        .where(eq(telephonyNamespaces.tenantId, tenantId))
        .limit(1);
      return row?.number ?? null;
    },
    async insert(exec: Executor, tenantId: string, now: Date) {
      await exec
        .insert(telephonyNamespaces)
        .values({ tenantId, createdAt: now })
        .onDuplicateKeyUpdate({ set: { tenantId } });
    },
    /** Namespaces of tenants that still exist (suspended ones included). */
    async listLive(exec: Executor) {
      return exec
        .select({ tenantId: telephonyNamespaces.tenantId, number: telephonyNamespaces.number })
        .from(telephonyNamespaces)
        .innerJoin(tenants, eq(tenants.id, telephonyNamespaces.tenantId))
        .where(and(isNull(tenants.deletedAt)))
        .orderBy(telephonyNamespaces.number);
    },
  };
}
export type NamespaceRepository = ReturnType<typeof createNamespaceRepository>;
