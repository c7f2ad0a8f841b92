import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createScheduleSchema,
  envelope,
  idParamSchema,
  listSchedulesQuerySchema,
  scheduleSchema,
  updateScheduleSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'ivr.read', feature: 'voice' } } as const;
const write = { access: { permission: 'ivr.write', feature: 'voice' } } as const;

export const schedulesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.schedules;

  app.get(
    '/api/v1/schedules',
    {
      config: read,
      schema: {
        tags: ['schedules'],
        summary: 'List schedules (weekly hours and holidays, in the tenant time zone)',
        querystring: listSchedulesQuerySchema,
        response: { 200: envelope(z.array(scheduleSchema)) },
      },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/schedules',
    {
      config: write,
      schema: { tags: ['schedules'], summary: 'Create a schedule', body: createScheduleSchema, response: { 201: envelope(scheduleSchema) } },
    },
    async (req, reply) => reply.status(201).send(ok(req, await svc.create(tenantCtx(req), req.body))),
  );

  app.get(
    '/api/v1/schedules/:id',
    {
      config: read,
      schema: { tags: ['schedules'], summary: 'Get a schedule', params: idParamSchema, response: { 200: envelope(scheduleSchema) } },
    },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );

  app.patch(
    '/api/v1/schedules/:id',
    {
      config: write,
      schema: {
        tags: ['schedules'],
        summary: 'Change a schedule',
        params: idParamSchema,
        body: updateScheduleSchema,
        response: { 200: envelope(scheduleSchema) },
      },
    },
    async (req) => ok(req, await svc.update(tenantCtx(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/schedules/:id',
    {
      config: write,
      schema: {
        tags: ['schedules'],
        summary: 'Delete a schedule (409 while a DID uses it)',
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
