import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createIvrMenuSchema,
  envelope,
  idParamSchema,
  ivrMenuSchema,
  listIvrMenusQuerySchema,
  updateIvrMenuSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'ivr.read', feature: 'voice' } } as const;
const write = { access: { permission: 'ivr.write', feature: 'voice' } } as const;
const one = envelope(ivrMenuSchema);

export const ivrMenusRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.ivrMenus;

  app.get(
    '/api/v1/ivr-menus',
    {
      config: read,
      schema: { tags: ['ivr'], summary: 'List IVR menus', querystring: listIvrMenusQuerySchema, response: { 200: envelope(z.array(ivrMenuSchema)) } },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );
  app.post(
    '/api/v1/ivr-menus',
    { config: write, schema: { tags: ['ivr'], summary: 'Create an IVR menu', body: createIvrMenuSchema, response: { 201: one } } },
    async (req, reply) => reply.status(201).send(ok(req, await svc.create(tenantCtx(req), req.body))),
  );
  app.get(
    '/api/v1/ivr-menus/:id',
    { config: read, schema: { tags: ['ivr'], summary: 'Get an IVR menu', params: idParamSchema, response: { 200: one } } },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );
  app.patch(
    '/api/v1/ivr-menus/:id',
    {
      config: write,
      schema: { tags: ['ivr'], summary: 'Change an IVR menu', params: idParamSchema, body: updateIvrMenuSchema, response: { 200: one } },
    },
    async (req) => ok(req, await svc.update(tenantCtx(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/ivr-menus/:id',
    {
      config: write,
      schema: {
        tags: ['ivr'],
        summary: 'Delete an IVR menu (409 while a DID, an overflow or another menu routes to it)',
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
