import { int, mysqlTable, tinyint, varchar } from 'drizzle-orm/mysql-core';
import type { Destination, QueueStrategy } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0016_queues.sql.

export const queues = mysqlTable('queues', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  strategy: varchar('strategy', { length: 16 }).notNull().$type<QueueStrategy>(),
  ringTimeoutSeconds: int('ring_timeout_seconds').notNull(),
  retrySeconds: int('retry_seconds').notNull(),
  wrapupSeconds: int('wrapup_seconds').notNull(),
  maxWaitSeconds: int('max_wait_seconds'),
  overflowDestination: json<Destination>('overflow_destination'),
  maxCallers: int('max_callers'),
  musicClass: varchar('music_class', { length: 64 }).notNull(),
  joinEmpty: bool('join_empty').notNull(),
  leaveWhenEmpty: bool('leave_when_empty').notNull(),
  announcePosition: bool('announce_position').notNull(),
  announceHoldTime: bool('announce_hold_time').notNull(),
  announceFrequencySeconds: int('announce_frequency_seconds').notNull(),
  serviceLevelSeconds: int('service_level_seconds').notNull(),
  enabled: bool('enabled').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const queueMembers = mysqlTable('queue_members', {
  tenantId: id('tenant_id').notNull(),
  queueId: id('queue_id').notNull(),
  userId: id('user_id').notNull(),
  penalty: tinyint('penalty', { unsigned: true }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const pauseReasons = mysqlTable('pause_reasons', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 60 }).notNull(),
  code: varchar('code', { length: 32 }).notNull(),
  paid: bool('paid').notNull(),
  maxMinutes: int('max_minutes'),
  enabled: bool('enabled').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
