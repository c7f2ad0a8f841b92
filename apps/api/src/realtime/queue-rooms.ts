import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { RoomResolver } from './rooms';

const NO_SUCH_TABLE = 1146;

/**
 * `queue:<id>`: needs calls.read and a queue of the socket's own tenant. The queues table belongs
 * to the queues module; until its migration has run there is no queue to join.
 */
export function createQueueRoomResolver(db: Database): RoomResolver {
  return async (ctx, id) => {
    if (!ctx.permissions.has('calls.read')) return 'Missing permission calls.read';
    try {
      const [rows] = (await db.execute(
        sql`SELECT \`id\` FROM \`queues\` WHERE \`tenant_id\` = ${ctx.tenantId} AND \`id\` = ${id} LIMIT 1`,
      )) as unknown as [unknown[]];
      return rows.length ? true : 'Queue not found';
    } catch (err) {
      if ((err as { errno?: number }).errno === NO_SUCH_TABLE) return 'Queue not found';
      throw err;
    }
  };
}
