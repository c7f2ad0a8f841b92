import { mysqlTable } from 'drizzle-orm/mysql-core';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0034_outbound_policy.sql.

export const tenantOutboundPolicies = mysqlTable('tenant_outbound_policies', {
  tenantId: id('tenant_id').primaryKey(),
  homePrefixes: json<string[]>('home_prefixes').notNull(),
  allowedPrefixes: json<string[]>('allowed_prefixes').notNull(),
  blockedPrefixes: json<string[]>('blocked_prefixes').notNull(),
  blockPremiumRanges: bool('block_premium_ranges').notNull().default(true),
  updatedAt: timestamp('updated_at').notNull(),
});
