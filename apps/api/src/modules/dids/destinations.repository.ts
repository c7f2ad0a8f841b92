import { and, asc, eq, gt, like, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { dids, endpoints, ivrMenus, queues } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('dids', 'queues', 'ivr_menus', 'endpoints');

/** Something that routes calls to an object: the router would send calls to it. */
export type DestinationReference = { kind: 'did' | 'queue' | 'ivr_menu'; id: string; name: string };

// Ids are UUIDs, unique across every table, so finding the id as any string value inside a
// destination document means that document references the object.
const mentions = (column: SQLWrapper, id: string) => sql`JSON_SEARCH(${column}, 'one', ${id}) IS NOT NULL`;

export function createDestinationsRepository(db: Database) {
  return {
    /** The referenced rows, locked so a concurrent delete waits for the referencing write. */
    async lockQueue(tenantId: string, id: string, exec: Executor = db) {
      const [r] = await exec
        .select({ id: queues.id })
        .from(queues)
        .where(and(eq(queues.tenantId, tenantId), eq(queues.id, id)))
        .for('update');
      return r ?? null;
    },
    async lockIvrMenu(tenantId: string, id: string, exec: Executor = db) {
      const [r] = await exec
        .select({ id: ivrMenus.id })
        .from(ivrMenus)
        .where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.id, id)))
        .for('update');
      return r ?? null;
    },
    async lockEndpoint(tenantId: string, id: string, exec: Executor = db) {
      const [r] = await exec
        .select({ id: endpoints.id, voicemailEnabled: endpoints.voicemailEnabled })
        .from(endpoints)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.id, id)))
        .for('update');
      return r ?? null;
    },

    /** DIDs, queue overflows and IVR menus that send calls to `id` (an object never counts as its own user). */
    async findReferences(tenantId: string, id: string, exec: Executor = db): Promise<DestinationReference[]> {
      const didRows = await exec
        .select({ id: dids.id, name: dids.number })
        .from(dids)
        .where(and(eq(dids.tenantId, tenantId), or(mentions(dids.destination, id), mentions(dids.closedDestination, id))))
        .limit(20);
      const queueRows = await exec
        .select({ id: queues.id, name: queues.name })
        .from(queues)
        .where(and(eq(queues.tenantId, tenantId), mentions(queues.overflowDestination, id)))
        .limit(20);
      const menuRows = await exec
        .select({ id: ivrMenus.id, name: ivrMenus.name })
        .from(ivrMenus)
        .where(
          and(
            eq(ivrMenus.tenantId, tenantId),
            or(
              mentions(ivrMenus.options, id),
              mentions(ivrMenus.timeoutDestination, id),
              mentions(ivrMenus.invalidDestination, id),
            ),
          ),
        )
        .limit(20);
      return [
        ...didRows.map((r) => ({ kind: 'did' as const, ...r })),
        ...queueRows.map((r) => ({ kind: 'queue' as const, ...r })),
        ...menuRows.map((r) => ({ kind: 'ivr_menu' as const, ...r })),
      ].filter((r) => r.id !== id);
    },

    async listQueueOptions(tenantId: string, afterId: string | null, search: string | undefined, limit: number) {
      return db
        .select({ id: queues.id, name: queues.name, enabled: queues.enabled })
        .from(queues)
        .where(
          and(
            eq(queues.tenantId, tenantId),
            afterId !== null ? gt(queues.id, afterId) : undefined,
            search ? like(queues.name, containsPattern(search)) : undefined,
          ),
        )
        .orderBy(asc(queues.id))
        .limit(limit);
    },
    async listEndpointOptions(
      tenantId: string,
      afterId: string | null,
      search: string | undefined,
      limit: number,
      voicemailOnly: boolean,
    ) {
      return db
        .select({
          id: endpoints.id,
          extension: endpoints.extension,
          displayName: endpoints.displayName,
          enabled: endpoints.enabled,
        })
        .from(endpoints)
        .where(
          and(
            eq(endpoints.tenantId, tenantId),
            afterId !== null ? gt(endpoints.id, afterId) : undefined,
            voicemailOnly ? eq(endpoints.voicemailEnabled, true) : undefined,
            search
              ? or(like(endpoints.extension, containsPattern(search)), like(endpoints.displayName, containsPattern(search)))
              : undefined,
          ),
        )
        .orderBy(asc(endpoints.id))
        .limit(limit);
    },
    async listIvrOptions(tenantId: string, afterId: string | null, search: string | undefined, limit: number) {
      return db
        .select({ id: ivrMenus.id, name: ivrMenus.name, enabled: ivrMenus.enabled })
        .from(ivrMenus)
        .where(
          and(
            eq(ivrMenus.tenantId, tenantId),
            afterId !== null ? gt(ivrMenus.id, afterId) : undefined,
            search ? like(ivrMenus.name, containsPattern(search)) : undefined,
          ),
        )
        .orderBy(asc(ivrMenus.id))
        .limit(limit);
    },
  };
}
export type DestinationsRepository = ReturnType<typeof createDestinationsRepository>;
