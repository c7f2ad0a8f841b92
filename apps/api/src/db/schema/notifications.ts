import { bigint, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, timestamp } from './columns';

// Mirrors migrations/0002_notifications.sql.

export const notifications = mysqlTable('notifications', {
  id: bigint('id', { mode: 'number', unsigned: true }).primaryKey().autoincrement(),
  tenantId: id('tenant_id').notNull(),
  userId: id('user_id').notNull(),
  kind: varchar('kind', { length: 64 }).notNull(),
  title: varchar('title', { length: 200 }).notNull(),
  body: varchar('body', { length: 2000 }),
  link: varchar('link', { length: 500 }),
  readAt: timestamp('read_at'),
  createdAt: timestamp('created_at').notNull(),
});
