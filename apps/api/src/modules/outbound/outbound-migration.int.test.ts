import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { checkOutboundNumber, defaultOutboundPolicy, systemRolePermissions } from '@switchboard/contracts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

const rolePermissions = async (key: string) => {
  const [rows] = await t.app.container.dbHandle.pool.query<RowDataPacket[]>(
    'SELECT permissions FROM roles WHERE tenant_id = ? AND `key` = ?',
    [a.tenantId, key],
  );
  const p = rows[0]!.permissions;
  return (typeof p === 'string' ? JSON.parse(p) : p) as string[];
};

it('new tenants: admin and supervisor hold calls.international, agents do not', () => {
  expect(systemRolePermissions.admin).toContain('calls.international');
  expect(systemRolePermissions.supervisor).toContain('calls.international');
  expect(systemRolePermissions.agent).not.toContain('calls.international');
});

it('migration 0034 gives existing tenants’ admin and supervisor roles calls.international once', async () => {
  const pool = t.app.container.dbHandle.pool;
  // A tenant from before the permission existed.
  await pool.query(
    "UPDATE roles SET permissions = JSON_REMOVE(permissions, JSON_UNQUOTE(JSON_SEARCH(permissions, 'one', 'calls.international'))) WHERE tenant_id = ? AND is_system = 1 AND `key` IN ('admin', 'supervisor')",
    [a.tenantId],
  );
  expect(await rolePermissions('admin')).not.toContain('calls.international');
  const sql = readFileSync(new URL('../../db/migrations/0034_outbound_policy.sql', import.meta.url), 'utf8');
  const update = sql.split('--> statement')[1]!.replace(/^--.*$/gm, '').trim();
  await pool.query(update);
  await pool.query(update);
  const admin = await rolePermissions('admin');
  expect(admin.filter((p) => p === 'calls.international')).toHaveLength(1);
  expect(await rolePermissions('supervisor')).toContain('calls.international');
  expect(await rolePermissions('agent')).not.toContain('calls.international');
});

it('the check: blocked before premium before allow-list before international', () => {
  const p = { ...defaultOutboundPolicy, home_prefixes: ['+49'], allowed_prefixes: ['+49', '+44'], blocked_prefixes: ['+4930'] };
  expect(checkOutboundNumber(p, '+49 30 123456', { international: true })).toMatchObject({ reason: 'blocked' });
  expect(checkOutboundNumber(p, '+449012345678', { international: true })).toMatchObject({ reason: 'premium' });
  expect(checkOutboundNumber(p, '+33123456789', { international: true })).toMatchObject({ reason: 'not_allowed' });
  expect(checkOutboundNumber(p, '+442079460958', { international: false })).toMatchObject({ reason: 'international' });
  expect(checkOutboundNumber(p, '0044 20 7946 0958', { international: true })).toEqual({ allowed: true, number: '+442079460958' });
  expect(checkOutboundNumber({ ...p, block_premium_ranges: false, allowed_prefixes: [] }, '+881612345678', { international: true }).allowed).toBe(true);
  // A national number dialled from a phone: domestic, but blocked prefixes still match it.
  expect(checkOutboundNumber(p, '030123456', { international: false }).allowed).toBe(true);
  expect(checkOutboundNumber({ ...p, blocked_prefixes: ['+1900'] }, '19005550111', { international: false }).allowed).toBe(false);
});
