import { mysqlTable, varchar, int, bigint, char } from 'drizzle-orm/mysql-core';
import type { Permission, TenantFeatures, TenantLimits, TenantSettings } from '@switchboard/contracts';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0001_core.sql. The SQL files are the truth for the database; these
// definitions are the truth for queries. db/schema.test.ts checks they agree.

export const tenants = mysqlTable('tenants', {
  id: id().primaryKey(),
  name: varchar('name', { length: 120 }).notNull(),
  slug: varchar('slug', { length: 48 }).notNull(),
  status: varchar('status', { length: 16 }).notNull().$type<'active' | 'suspended' | 'deleted'>(),
  timezone: varchar('timezone', { length: 64 }).notNull(),
  limits: json<TenantLimits>('limits').notNull(),
  features: json<TenantFeatures>('features').notNull(),
  settings: json<TenantSettings>('settings').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  deletedAt: timestamp('deleted_at'),
});

export const roles = mysqlTable('roles', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  key: varchar('key', { length: 48 }).notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  description: varchar('description', { length: 500 }),
  isSystem: bool('is_system').notNull(),
  permissions: json<Permission[]>('permissions').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const users = mysqlTable('users', {
  id: id().primaryKey(),
  tenantId: id('tenant_id'),
  email: varchar('email', { length: 254 }).notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  status: varchar('status', { length: 16 }).notNull().$type<'active' | 'disabled'>(),
  roleId: id('role_id'),
  isPlatformAdmin: bool('is_platform_admin').notNull(),
  locale: varchar('locale', { length: 16 }).notNull(),
  permVersion: int('perm_version').notNull(),
  failedLogins: int('failed_logins').notNull(),
  lockedUntil: timestamp('locked_until'),
  lastLoginAt: timestamp('last_login_at'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  deletedAt: timestamp('deleted_at'),
});

export const refreshTokens = mysqlTable('refresh_tokens', {
  id: id().primaryKey(),
  userId: id('user_id').notNull(),
  tenantId: id('tenant_id'),
  familyId: id('family_id').notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  parentId: id('parent_id'),
  replacedById: id('replaced_by_id'),
  operatorSwitch: bool('operator_switch').notNull(),
  userAgent: varchar('user_agent', { length: 255 }),
  ip: varchar('ip', { length: 64 }),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
  revokedAt: timestamp('revoked_at'),
  revokedReason: varchar('revoked_reason', { length: 32 }),
  createdAt: timestamp('created_at').notNull(),
});

export const passwordResetTokens = mysqlTable('password_reset_tokens', {
  id: id().primaryKey(),
  userId: id('user_id').notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
  createdAt: timestamp('created_at').notNull(),
});

export const userTotp = mysqlTable('user_totp', {
  userId: id('user_id').primaryKey(),
  secretEnc: varchar('secret_enc', { length: 255 }).notNull(),
  confirmedAt: timestamp('confirmed_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  failedAttempts: int('failed_attempts').notNull(),
  lockedUntil: timestamp('locked_until'),
  createdAt: timestamp('created_at').notNull(),
});

export const totpRecoveryCodes = mysqlTable('totp_recovery_codes', {
  id: id().primaryKey(),
  userId: id('user_id').notNull(),
  codeHash: char('code_hash', { length: 64 }).notNull(),
  usedAt: timestamp('used_at'),
  createdAt: timestamp('created_at').notNull(),
});

export const auditLog = mysqlTable('audit_log', {
  id: bigint('id', { mode: 'number', unsigned: true }).primaryKey().autoincrement(),
  tenantId: id('tenant_id'),
  actorId: id('actor_id'),
  actorEmail: varchar('actor_email', { length: 254 }),
  action: varchar('action', { length: 64 }).notNull(),
  entityType: varchar('entity_type', { length: 64 }).notNull(),
  entityId: varchar('entity_id', { length: 64 }),
  before: json<unknown>('before'),
  after: json<unknown>('after'),
  ip: varchar('ip', { length: 64 }),
  requestId: varchar('request_id', { length: 64 }),
  createdAt: timestamp('created_at').notNull(),
});
