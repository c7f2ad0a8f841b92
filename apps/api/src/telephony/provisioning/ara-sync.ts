import type { Database, Executor } from '../../db/client';
import { araTables, mergeObjectSets, namespacePrefix, type AraObjectSet, type AraTable } from './ara-rows';
import type { AraRepository } from './ara.repository';
import type { NamespaceRepository } from './namespace.repository';

/** A module whose rows become ARA objects (endpoints, trunks) tells the sync what it wants. */
export type AraSource = {
  name: string;
  /** The ARA objects one tenant's enabled rows should have. Reads inside the tenant only. */
  objectsForTenant: (exec: Executor, tenantId: string, prefix: string) => Promise<AraObjectSet>;
};

export type AraChange = { table: AraTable; id: string; columns?: string[] };
export type AraSyncReport = { added: AraChange[]; updated: AraChange[]; removed: AraChange[] };

type AnyRow = Record<string, unknown> & { id: string | null };

/** Columns whose values differ; numbers and numeric strings compare by value. */
function differingColumns(want: AnyRow, have: AnyRow): string[] {
  const norm = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return Object.keys(want).filter((k) => norm(want[k]) !== norm(have[k]));
}

/**
 * `npm run ara:sync`: rebuilds Switchboard's ARA rows from its own tables. Adds what is missing,
 * rewrites what drifted, removes orphans in the `t<number>_` id space, and leaves everything
 * else alone — ps_contacts (Asterisk's) and rows an administrator made by hand. Idempotent: a
 * second run reports no changes.
 */
export function createAraSync(deps: {
  db: Database;
  ara: AraRepository;
  namespaces: NamespaceRepository;
  sources: AraSource[];
}) {
  const { db, ara, namespaces, sources } = deps;

  async function desiredObjects(exec: Executor): Promise<AraObjectSet> {
    const sets: AraObjectSet[] = [];
    for (const ns of await namespaces.listLive(exec)) {
      for (const source of sources)
        sets.push(await source.objectsForTenant(exec, ns.tenantId, namespacePrefix(ns.number)));
    }
    return mergeObjectSets(sets);
  }

  return {
    async run(options: { dryRun?: boolean } = {}): Promise<AraSyncReport> {
      const report: AraSyncReport = { added: [], updated: [], removed: [] };
      await db.transaction(async (tx) => {
        const want = await desiredObjects(tx);
        const have = await ara.listNamespaced(tx);
        for (const table of araTables) {
          const haveById = new Map((have[table] as AnyRow[]).map((r) => [r.id ?? '', r]));
          const wantIds = new Set<string>();
          for (const row of want[table] as AnyRow[]) {
            const id = row.id ?? '';
            wantIds.add(id);
            const existing = haveById.get(id);
            if (!existing) {
              report.added.push({ table, id });
              if (!options.dryRun) await ara.upsert(tx, table, row as never);
              continue;
            }
            const columns = differingColumns(row, existing);
            if (columns.length) {
              report.updated.push({ table, id, columns });
              if (!options.dryRun) await ara.upsert(tx, table, row as never);
            }
          }
          const orphans = [...haveById.keys()].filter((id) => !wantIds.has(id));
          for (const id of orphans) report.removed.push({ table, id });
          if (!options.dryRun) await ara.deleteIds(tx, table, orphans);
        }
      });
      return report;
    },
  };
}
export type AraSync = ReturnType<typeof createAraSync>;

export function formatSyncReport(r: AraSyncReport): string {
  const total = r.added.length + r.updated.length + r.removed.length;
  if (total === 0) return 'ARA tables are in step with Switchboard: no changes.';
  const lines = [
    ...r.added.map((c) => `  added    ${c.table} ${c.id}`),
    ...r.updated.map((c) => `  updated  ${c.table} ${c.id} (${c.columns?.join(', ')})`),
    ...r.removed.map((c) => `  removed  ${c.table} ${c.id}`),
  ];
  return `ARA sync: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed\n${lines.join('\n')}`;
}
