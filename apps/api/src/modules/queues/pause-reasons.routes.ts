import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createPauseReasonSchema,
  envelope,
  idParamSchema,
  listPauseReasonsQuerySchema,
  pauseReasonSchema,
  updatePauseReasonSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

// Agents read the list to pick a reason when they pause; agents hold queues.read.
const read = { access: { permission: 'queues.read', feature: 'voice' } } as const;
const write = { access: { permission: 'queues.write', feature: 'voice' } } as const;
const one = envelope(pauseReasonSchema);

export const pauseReasonsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.pauseReasons;

  app.get(
    '/api/v1/pause-reasons',
    {
      config: read,
      schema: {
        tags: ['queues'],
        summary: "List the tenant's pause reasons",
        querystring: listPauseReasonsQuerySchema,
        response: { 200: envelope(z.array(pauseReasonSchema)) },
      },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );
  app.post(
    '/api/v1/pause-reasons',
    { config: write, schema: { tags: ['queues'], summary: 'Create a pause reason', body: createPauseReasonSchema, response: { 201: one } } },
    async (req, reply) => reply.status(201).send(ok(req, await svc.create(tenantCtx(req), req.body))),
  );
  app.get(
    '/api/v1/pause-reasons/:id',
    { config: read, schema: { tags: ['queues'], summary: 'Get a pause reason', params: idParamSchema, response: { 200: one } } },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );
  app.patch(
    '/api/v1/pause-reasons/:id',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Change a pause reason',
        params: idParamSchema,
        body: updatePauseReasonSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await svc.update(tenantCtx(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/pause-reasons/:id',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Delete a pause reason (disable it instead to keep it in old reports)',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string() })) },
      },
    },
    async (req) => {
      await svc.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );
};
