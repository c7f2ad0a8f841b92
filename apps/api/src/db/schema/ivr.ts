import { bigint, char, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { AudioContentType, Destination, IvrOption } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0015_schedules_audio.sql (audio_files) and 0017_ivr_menus.sql.

export const audioFiles = mysqlTable('audio_files', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  contentType: varchar('content_type', { length: 32 }).notNull().$type<AudioContentType>(),
  sizeBytes: bigint('size_bytes', { mode: 'number', unsigned: true }).notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  storageKey: varchar('storage_key', { length: 255 }).notNull(),
  createdBy: id('created_by'),
  createdAt: timestamp('created_at').notNull(),
});

export const ivrMenus = mysqlTable('ivr_menus', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  greetingType: varchar('greeting_type', { length: 8 }).$type<'sound' | 'audio'>(),
  greetingSound: varchar('greeting_sound', { length: 120 }),
  greetingAudioId: id('greeting_audio_id'),
  options: json<IvrOption[]>('options').notNull(),
  timeoutSeconds: int('timeout_seconds').notNull(),
  timeoutDestination: json<Destination>('timeout_destination'),
  invalidDestination: json<Destination>('invalid_destination'),
  maxRetries: int('max_retries').notNull(),
  enabled: bool('enabled').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
