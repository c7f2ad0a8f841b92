import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Destination, DestinationType } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0018_dids.sql.

export const dids = mysqlTable('dids', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  number: varchar('number', { length: 16 }).notNull(),
  description: varchar('description', { length: 200 }),
  destination: json<Destination>('destination').notNull(),
  /** Copy of destination.type, indexed for the list filter. */
  destinationType: varchar('destination_type', { length: 16 }).notNull().$type<DestinationType>(),
  timeConditionMode: varchar('time_condition_mode', { length: 16 }).$type<'business_hours' | 'schedule'>(),
  scheduleId: id('schedule_id'),
  closedDestination: json<Destination>('closed_destination'),
  unansweredFallback: varchar('unanswered_fallback', { length: 16 }).notNull().$type<'voicemail' | 'hangup'>(),
  callerIdNamePrefix: varchar('caller_id_name_prefix', { length: 40 }),
  recordingEnabled: bool('recording_enabled').notNull(),
  smsEnabled: bool('sms_enabled').notNull(),
  smsWebhookUrl: varchar('sms_webhook_url', { length: 2000 }),
  smsAllowedSenders: json<string[]>('sms_allowed_senders').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
