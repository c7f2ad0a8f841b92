import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createDb, type DbHandle } from '../../src/db/client';
import { roles } from '../../src/db/schema/index';
import { provisionTenant } from '../../src/modules/tenants/tenant-provisioning';
import { createTestDatabase, uniqueSlug } from '../helpers';
import { createTenantSnapshotter, diffSnapshots } from './tenant-snapshot';

// The matrix trusts the snapshot to notice any write into B; this checks that it does, and that
// it looks at B only.
let database: { url: string; drop: () => Promise<void> };
let handle: DbHandle;
let snapshotter: Awaited<ReturnType<typeof createTenantSnapshotter>>;
let b: { tenantId: string; roleIds: Record<string, string> };
let a: { tenantId: string; roleIds: Record<string, string> };

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb({ url: database.url, poolSize: 2 });
  snapshotter = await createTenantSnapshotter(database.url);
  const now = new Date();
  a = await handle.db.transaction((tx) => provisionTenant(tx, { name: 'A', slug: uniqueSlug('a'), now }));
  b = await handle.db.transaction((tx) => provisionTenant(tx, { name: 'B', slug: uniqueSlug('b'), now }));
});
afterAll(async () => {
  await snapshotter?.close();
  await handle?.close();
  await database?.drop();
});

const rename = (tenantId: string, roleId: string, name: string) =>
  handle.db
    .update(roles)
    .set({ name })
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, roleId)));

describe('tenant snapshot', () => {
  it('sees nothing when nothing changed', async () => {
    expect(
      diffSnapshots(await snapshotter.snapshot(b.tenantId), await snapshotter.snapshot(b.tenantId)),
    ).toEqual([]);
  });

  it('names the table when one of the tenant rows changes', async () => {
    const before = await snapshotter.snapshot(b.tenantId);
    await rename(b.tenantId, b.roleIds.agent!, 'Changed agent');
    const changes = diffSnapshots(before, await snapshotter.snapshot(b.tenantId));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^roles: -1 \+1 .*Changed agent/);
  });

  it("ignores another tenant's rows", async () => {
    const before = await snapshotter.snapshot(b.tenantId);
    await rename(a.tenantId, a.roleIds.agent!, 'Changed in A');
    expect(diffSnapshots(before, await snapshotter.snapshot(b.tenantId))).toEqual([]);
  });
});
