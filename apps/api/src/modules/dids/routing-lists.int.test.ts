import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultBusinessHours, destinationOptionKinds, destinationTypes, queueStrategies } from '@switchboard/contracts';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

// RELIABILITY T2: generated filter combinations on every routing list never return B's rows.
let t: TestApp;
let a: TestTenant;
let b: TestTenant;
const bIds: string[] = [];

async function post(tenant: TestTenant, url: string, payload: object) {
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(tenant.admin.token), payload });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json().data.id as string;
}

async function seed(tenant: TestTenant, n: number, collect?: string[]) {
  const keep = (id: string) => (collect?.push(id), id);
  const queue = keep(await post(tenant, '/api/v1/queues', { name: `Sales ${n}`, strategy: 'linear' }));
  keep(await post(tenant, '/api/v1/schedules', { name: `Hours ${n}`, weekly_hours: defaultBusinessHours }));
  const menu = keep(await post(tenant, '/api/v1/ivr-menus', { name: `Menu ${n}` }));
  keep(await post(tenant, '/api/v1/endpoints', { extension: `10${n}1`, display_name: `Phone ${n}`, voicemail_enabled: true }));
  keep(await post(tenant, '/api/v1/dids', { number: `+49301000${n}01`, description: 'Sales line', destination: { type: 'queue', queue_id: queue } }));
  keep(await post(tenant, '/api/v1/dids', { number: `+49301000${n}02`, description: 'Menu line', destination: { type: 'ivr', ivr_menu_id: menu } }));
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
  await seed(a, 1);
  await seed(b, 2, bIds);
});
afterAll(async () => t?.close());

const search = fc.oneof(fc.constant(undefined), fc.constantFrom('Sales', 'Menu', '30 1000', '1', 'Phone', '%', '_', "'"), fc.string({ maxLength: 6 }));
const limit = fc.integer({ min: 1, max: 5 });

const lists: { url: string; filters: fc.Arbitrary<Record<string, string | undefined>> }[] = [
  { url: '/api/v1/dids', filters: fc.record({ search, destination_type: fc.option(fc.constantFrom(...destinationTypes), { nil: undefined }) }) },
  { url: '/api/v1/queues', filters: fc.record({ search, strategy: fc.option(fc.constantFrom(...queueStrategies), { nil: undefined }) }) },
  { url: '/api/v1/ivr-menus', filters: fc.record({ search }) },
  { url: '/api/v1/schedules', filters: fc.record({ search }) },
  { url: '/api/v1/destinations', filters: fc.record({ search, kind: fc.option(fc.constantFrom(...destinationOptionKinds), { nil: undefined }) }) },
];

describe('routing lists under generated filters (T2)', () => {
  for (const list of lists) {
    it(`${list.url} never returns another tenant's rows, on any page`, async () => {
      await fc.assert(
        fc.asyncProperty(list.filters, limit, async (filters, size) => {
          const params = new URLSearchParams({ limit: String(size) });
          for (const [k, v] of Object.entries(filters)) if (v !== undefined) params.set(k, v);
          let cursor: string | null = null;
          let pages = 0;
          do {
            if (cursor) params.set('cursor', cursor);
            const res = await t.app.inject({ method: 'GET', url: `${list.url}?${params}`, headers: bearer(a.admin.token) });
            expect(res.statusCode, res.body).toBe(200);
            for (const id of bIds) expect(res.body).not.toContain(id);
            cursor = res.json().meta.next_cursor ?? null;
            pages += 1;
          } while (cursor && pages < 20);
        }),
        { numRuns: 25 },
      );
    });
  }
});
