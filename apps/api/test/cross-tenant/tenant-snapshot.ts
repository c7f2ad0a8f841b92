import mysql from 'mysql2/promise';

/**
 * Every row a tenant owns, as sorted JSON lines per table: the tenant's own `tenants` row and all
 * rows of every table with a `tenant_id` column. Comparing two snapshots tells whether a call made
 * as another tenant changed anything of this one. It reads over its own connection so the T8
 * query audit sees only what the app itself sends.
 */
export async function createTenantSnapshotter(databaseUrl: string) {
  const conn = await mysql.createConnection({ uri: databaseUrl, timezone: 'Z', dateStrings: true });
  return {
    async snapshot(tenantId: string): Promise<Record<string, string[]>> {
      const [tables] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT table_name AS t FROM information_schema.columns
         WHERE table_schema = DATABASE() AND column_name = 'tenant_id' ORDER BY table_name`,
      );
      const out: Record<string, string[]> = {};
      const [own] = await conn.query<mysql.RowDataPacket[]>('SELECT * FROM `tenants` WHERE id = ?', [
        tenantId,
      ]);
      out.tenants = own.map((r) => JSON.stringify(r));
      for (const { t } of tables) {
        const name = String(t);
        const [rows] = await conn.query<mysql.RowDataPacket[]>(
          `SELECT * FROM \`${name}\` WHERE tenant_id = ?`,
          [tenantId],
        );
        out[name] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    },
    close: () => conn.end(),
  };
}

/** Names the tables whose rows differ between two snapshots, with a short sample of the change. */
export function diffSnapshots(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const changes: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[table] ?? []);
    const b = new Set(after[table] ?? []);
    const removed = [...a].filter((r) => !b.has(r));
    const added = [...b].filter((r) => !a.has(r));
    if (removed.length || added.length) {
      changes.push(
        `${table}: -${removed.length} +${added.length} ${(added[0] ?? removed[0] ?? '').slice(0, 300)}`,
      );
    }
  }
  return changes;
}
