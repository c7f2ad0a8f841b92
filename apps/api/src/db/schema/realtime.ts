import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, json, timestamp } from './columns';

// Mirrors migrations/0020_realtime.sql.

export const realtimeEvents = mysqlTable('realtime_events', {
  id: bigint('id', { mode: 'number', unsigned: true }).primaryKey().autoincrement(),
  tenantId: id('tenant_id').notNull(),
  room: varchar('room', { length: 80 }).notNull(),
  type: varchar('type', { length: 64 }).notNull(),
  payload: json<unknown>('payload').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/** One row per tenant: the lock that orders a tenant's event commits by id (last_event_id is not maintained). */
export const realtimeStreams = mysqlTable('realtime_streams', {
  tenantId: id('tenant_id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number', unsigned: true }).notNull(),
});
