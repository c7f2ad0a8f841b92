import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Holiday, WeeklyHours } from '@switchboard/contracts';
import { id, json, timestamp } from './columns';

// Mirrors migrations/0015_schedules_audio.sql (schedules).

export const schedules = mysqlTable('schedules', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  weeklyHours: json<WeeklyHours>('weekly_hours').notNull(),
  holidays: json<Holiday[]>('holidays').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
