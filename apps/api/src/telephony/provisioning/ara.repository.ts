import { and, eq, gt, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  psAors,
  psAuths,
  psContacts,
  psEndpointIdIps,
  psEndpoints,
  psRegistrations,
} from '../../db/schema/index';
import type { AraObjectSet, AraTable } from './ara-rows';

/**
 * The only code that writes Asterisk's realtime tables. They hold no tenant_id (Asterisk's
 * layout), so they are not tenant tables for the T8 check: isolation comes from the namespaced
 * ids, which only the provisioning service derives from a verified tenant.
 */
const tables = {
  ps_endpoints: psEndpoints,
  ps_aors: psAors,
  ps_auths: psAuths,
  ps_registrations: psRegistrations,
  ps_endpoint_id_ips: psEndpointIdIps,
} as const;

type Row<T extends AraTable> = AraObjectSet[T][number];

/** `LIKE` treats `_` and `%` as wildcards; ARA ids contain `_`. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createAraRepository() {
  return {
    async insert<T extends AraTable>(exec: Executor, table: T, rows: Row<T>[]) {
      if (rows.length === 0) return;
      await exec.insert(tables[table]).values(rows as never[]);
    },

    /** Insert or overwrite every managed column of rows that may already exist (ara:sync). */
    async upsert<T extends AraTable>(exec: Executor, table: T, row: Row<T>) {
      const { id: _id, ...rest } = row as Row<T> & { id: string };
      await exec
        .insert(tables[table])
        .values(row as never)
        .onDuplicateKeyUpdate({ set: rest as never });
    },

    async deleteIds(exec: Executor, table: AraTable, ids: string[]) {
      if (ids.length === 0) return;
      const t = tables[table];
      await exec.delete(t).where(inArray(t.id, ids));
    },

    /** Every row an owner (a phone or a trunk named `araId`) has, in every table. */
    async deleteOwner(exec: Executor, araId: string) {
      await exec.delete(psEndpoints).where(eq(psEndpoints.id, araId));
      await exec.delete(psAors).where(eq(psAors.id, araId));
      await exec.delete(psAuths).where(eq(psAuths.id, araId));
      await exec.delete(psRegistrations).where(eq(psRegistrations.id, araId));
      await exec.delete(psEndpointIdIps).where(eq(psEndpointIdIps.endpoint, araId));
    },

    async findOwner(exec: Executor, araId: string): Promise<AraObjectSet> {
      return {
        ps_endpoints: await exec.select().from(psEndpoints).where(eq(psEndpoints.id, araId)),
        ps_aors: await exec.select().from(psAors).where(eq(psAors.id, araId)),
        ps_auths: await exec.select().from(psAuths).where(eq(psAuths.id, araId)),
        ps_registrations: await exec.select().from(psRegistrations).where(eq(psRegistrations.id, araId)),
        ps_endpoint_id_ips: await exec
          .select()
          .from(psEndpointIdIps)
          .where(eq(psEndpointIdIps.endpoint, araId)),
      };
    },

    /** All rows in Switchboard's id space (`t<number>_…`), for ara:sync. */
    async listNamespaced(exec: Executor): Promise<AraObjectSet> {
      const ns = <T extends { id: unknown }>(col: T['id']) => sql`${col} REGEXP '^t[0-9]+_'`;
      return {
        ps_endpoints: await exec.select().from(psEndpoints).where(ns(psEndpoints.id)),
        ps_aors: await exec.select().from(psAors).where(ns(psAors.id)),
        ps_auths: await exec.select().from(psAuths).where(ns(psAuths.id)),
        ps_registrations: await exec.select().from(psRegistrations).where(ns(psRegistrations.id)),
        ps_endpoint_id_ips: await exec.select().from(psEndpointIdIps).where(ns(psEndpointIdIps.id)),
      };
    },

    /**
     * Unexpired contacts of the given AORs. Asterisk stores a contact id as `<aor>;@<hash>`
     * with `;` written as `^3B`; both spellings are matched.
     */
    async liveContacts(exec: Executor, aorIds: string[], nowSeconds: number) {
      if (aorIds.length === 0) return [];
      const prefixes: SQL[] = aorIds.flatMap((aor) => [
        like(psContacts.id, `${likeEscape(aor)}^3B@%`),
        like(psContacts.id, `${likeEscape(aor)};@%`),
      ]);
      return exec
        .select()
        .from(psContacts)
        .where(and(or(...prefixes), gt(psContacts.expirationTime, nowSeconds)))
        .orderBy(psContacts.id);
    },
  };
}
export type AraRepository = ReturnType<typeof createAraRepository>;

/** The AOR a ps_contacts id belongs to. */
export function contactAor(contactId: string): string {
  const i = contactId.search(/(\^3B|;)@/);
  return i === -1 ? contactId : contactId.slice(0, i);
}
