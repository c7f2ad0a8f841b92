import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { timestamp } from './columns';

// Mirrors migrations/0038_telephony_owners.sql.

/** A phone system (ARI server name) and its worker's last heartbeat; platform-wide, not tenant data. */
export const telephonyOwners = mysqlTable('telephony_owners', {
  name: varchar('name', { length: 64 }).primaryKey(),
  startedAt: timestamp('started_at').notNull(),
  lastSeenAt: timestamp('last_seen_at').notNull(),
});
