import { char, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, timestamp } from './columns';

// Mirrors migrations/0032_login_throttle.sql.

export const loginThrottles = mysqlTable('login_throttles', {
  throttleKey: char('throttle_key', { length: 64 }).primaryKey(),
  scope: varchar('scope', { length: 16 }).notNull().$type<'pair' | 'address' | 'account'>(),
  failures: int('failures').notNull(),
  lockedUntil: timestamp('locked_until'),
  windowStartedAt: timestamp('window_started_at').notNull(),
  windowFailures: int('window_failures').notNull(),
  notifiedAt: timestamp('notified_at'),
  updatedAt: timestamp('updated_at').notNull(),
});

export const loginLinks = mysqlTable('login_links', {
  id: id().primaryKey(),
  userId: id('user_id').notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
  createdAt: timestamp('created_at').notNull(),
});
