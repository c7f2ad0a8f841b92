import type { App } from '../../src/app';
import type { TestTenant } from '../helpers';

/**
 * RELIABILITY T1/T3/T4 — the cross-tenant matrix. Each module adds one file in `cases/` whose
 * default export is a `CrossTenantModule`. The harness (`cross-tenant.int.test.ts`) creates
 * tenants A and B, runs every module's `fixture` in B, then calls every registered route with
 * A's admin token and B's ids. A registered route with no case fails the test.
 *
 * Route keys are `METHOD /path/:param` exactly as registered in Fastify.
 *
 * The fixture also runs in A, and every function receives A's ids as a second argument, so a
 * case can mix them (T4: `/tickets/{A's ticket}/messages/{B's message}`). Fixtures must therefore
 * work in any tenant: derive globally unique values (e-mails, numbers) from `tenant.slug`.
 * After every call that may write, all of B's rows (every table with `tenant_id`) must be unchanged.
 */
export type FixtureIds = Record<string, string>;
/** Values by name; a missing one fails the case with its name, so `b.someId` may be undefined. */
export type PathValues = Record<string, string | undefined>;

export type RouteCase =
  /** Call with B's ids in the path (and optional body); expect 404 and no B data in the answer. */
  | {
      params: (b: FixtureIds, a: FixtureIds) => PathValues;
      body?: (b: FixtureIds, a: FixtureIds) => unknown;
      expect?: number[];
    }
  /** An id-free route whose body or query carries B's ids (T3); expect 404/422, nothing written in B. */
  | {
      body?: (b: FixtureIds, a: FixtureIds) => unknown;
      query?: (b: FixtureIds, a: FixtureIds) => PathValues;
      expect: number[];
    }
  /** A list or search: expect 200 and none of B's ids anywhere in the answer (T2). */
  | 'list'
  /** Not tenant data (public auth routes, own-profile routes, platform routes): say why. */
  | { skip: string };

export type CrossTenantModule = {
  name: string;
  /** Creates this module's resources in a tenant; returns their ids by name. */
  fixture?: (app: App, tenant: TestTenant) => Promise<FixtureIds>;
  routes: Record<string, RouteCase>;
};

export const defineCrossTenantCases = (m: CrossTenantModule) => m;
