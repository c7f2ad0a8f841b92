import type { BenchContext } from './context';
import { expectStatus, type Operation } from './measure';

/**
 * A benchmark scenario: `prepare` sets up what it needs from the shared context and returns the
 * operation to time. `baseline` names the scenario its latency is compared with, so each number
 * is read against a raw floor measured in the same run on the same machine.
 */
export type Scenario = {
  name: string;
  baseline?: string;
  prepare: (ctx: BenchContext) => Promise<Operation>;
};

/** Every scenario, in order; a module adds its own with one line (e.g. calls, chat fan-out). */
export const scenarios: Scenario[] = [
  {
    name: 'mysql2 SELECT 1',
    prepare: async (ctx) => {
      const pool = await ctx.mysqlPool();
      return async () => {
        await pool.query('SELECT 1');
      };
    },
  },
  {
    name: 'bare Fastify GET /',
    prepare: async (ctx) => {
      const url = await ctx.bareFastify();
      return async () => expectStatus(await fetch(url), 200, 'bare Fastify');
    },
  },
  {
    name: 'API GET /api/v1/users',
    baseline: 'bare Fastify GET /',
    prepare: async (ctx) => {
      const { baseUrl, adminToken } = await ctx.api();
      const headers = { authorization: `Bearer ${adminToken}` };
      return async () =>
        expectStatus(await fetch(`${baseUrl}/api/v1/users`, { headers }), 200, 'GET /api/v1/users');
    },
  },
  {
    name: 'bare Fastify + mysql2 queue by id',
    prepare: async (ctx) => {
      const { url, queueId } = await ctx.bareQueueLookup();
      return async () => expectStatus(await fetch(url + queueId), 200, 'bare queue lookup');
    },
  },
  {
    name: 'API GET /api/v1/queues/:id',
    baseline: 'bare Fastify + mysql2 queue by id',
    prepare: async (ctx) => {
      const { baseUrl, adminToken } = await ctx.api();
      const { queueId } = await ctx.bareQueueLookup();
      const headers = { authorization: `Bearer ${adminToken}` };
      return async () =>
        expectStatus(await fetch(`${baseUrl}/api/v1/queues/${queueId}`, { headers }), 200, 'GET /api/v1/queues/:id');
    },
  },
];
