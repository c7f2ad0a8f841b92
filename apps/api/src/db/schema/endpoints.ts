import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Codec, EndpointKind } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0011_endpoints_trunks.sql (telephony_namespaces, endpoints).

export const telephonyNamespaces = mysqlTable('telephony_namespaces', {
  tenantId: id('tenant_id').primaryKey(),
  number: int('number', { unsigned: true }).notNull().autoincrement(),
  createdAt: timestamp('created_at').notNull(),
});

export const endpoints = mysqlTable('endpoints', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  extension: varchar('extension', { length: 10 }).notNull(),
  displayName: varchar('display_name', { length: 80 }).notNull(),
  kind: varchar('kind', { length: 16 }).notNull().$type<EndpointKind>(),
  userId: id('user_id'),
  codecs: json<Codec[]>('codecs').notNull(),
  nat: bool('nat').notNull(),
  maxContacts: int('max_contacts').notNull(),
  callerIdName: varchar('caller_id_name', { length: 40 }),
  callerIdNumber: varchar('caller_id_number', { length: 20 }),
  voicemailEnabled: bool('voicemail_enabled').notNull(),
  enabled: bool('enabled').notNull(),
  sipPasswordEnc: varchar('sip_password_enc', { length: 255 }).notNull(),
  araId: varchar('ara_id', { length: 40 }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  // migrations/0036_endpoint_reachability.sql
  reachability: varchar('reachability', { length: 16 })
    .notNull()
    .default('unknown')
    .$type<'reachable' | 'unreachable' | 'unknown'>(),
  reachabilityAt: timestamp('reachability_at'),
  failedOffers: int('failed_offers').notNull().default(0),
});
