import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { SimCore } from './core';
import { parseCallerId } from './rest-kit';

type EndpointRow = RowDataPacket & {
  id: string;
  callerid: string | null;
  tenantid: string | null;
  accountcode: string | null;
  context: string | null;
};

/**
 * Reads `ps_endpoints` the way a realtime Asterisk would and keeps the simulator's endpoints in
 * step, so the demo PBX knows every phone and trunk Switchboard provisions. Demo phones count as
 * registered (they answer after a few seconds); rows that disappear become unregistered.
 */
export async function syncEndpointsFromAra(core: SimCore, pool: Pick<Pool, 'query'>): Promise<number> {
  const [rows] = await pool.query<EndpointRow[]>(
    'SELECT id, callerid, tenantid, accountcode, context FROM ps_endpoints',
  );
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.id);
    const caller = parseCallerId(row.callerid ?? undefined);
    const existing = core.endpoints.get(row.id);
    if (existing) {
      existing.registered = true;
      continue;
    }
    core.addEndpoint({
      resource: row.id,
      callerName: caller?.name || row.id,
      callerNumber: caller?.number || row.id.replace(/^t\d+_/, ''),
      tenantid: row.tenantid ?? undefined,
      accountcode: row.accountcode ?? undefined,
      context: row.context ?? undefined,
    });
  }
  for (const endpoint of core.endpoints.values()) {
    if (endpoint.resource !== core.trunkEndpoint && !seen.has(endpoint.resource)) endpoint.registered = false;
  }
  return rows.length;
}
