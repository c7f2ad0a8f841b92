import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import type { Codec, DialRule, TrunkKind, TrunkTransport } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0011_endpoints_trunks.sql (trunks).

export const trunks = mysqlTable('trunks', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  kind: varchar('kind', { length: 16 }).notNull().$type<TrunkKind>(),
  host: varchar('host', { length: 253 }).notNull(),
  port: int('port').notNull(),
  transport: varchar('transport', { length: 8 }).notNull().$type<TrunkTransport>(),
  username: varchar('username', { length: 40 }),
  passwordEnc: varchar('password_enc', { length: 255 }),
  fromDomain: varchar('from_domain', { length: 253 }),
  matchIps: json<string[]>('match_ips').notNull(),
  codecs: json<Codec[]>('codecs').notNull(),
  outboundCallerId: varchar('outbound_caller_id', { length: 20 }),
  dialRules: json<DialRule[]>('dial_rules').notNull(),
  shared: bool('shared').notNull(),
  enabled: bool('enabled').notNull(),
  araId: varchar('ara_id', { length: 40 }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
