import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createTrunkSchema,
  envelope,
  idParamSchema,
  listTrunksQuerySchema,
  trunkSchema,
  updateTrunkSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'trunks.read', feature: 'voice' } } as const;
const write = { access: { permission: 'trunks.write', feature: 'voice' } } as const;
const tags = ['trunks'];

export const trunkRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.trunks;

  app.get(
    '/api/v1/trunks',
    {
      config: read,
      schema: {
        tags,
        summary: "List the tenant's carrier trunks and the platform's shared trunks (read only)",
        querystring: listTrunksQuerySchema,
        response: { 200: envelope(z.array(trunkSchema)) },
      },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/trunks',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a carrier trunk (only a platform admin may set `shared`)',
        body: createTrunkSchema,
        response: { 201: envelope(trunkSchema) },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await svc.create(tenantCtx(req), req.body))),
  );

  app.get(
    '/api/v1/trunks/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Read a trunk (secrets are never returned)',
        params: idParamSchema,
        response: { 200: envelope(trunkSchema) },
      },
    },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );

  app.patch(
    '/api/v1/trunks/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change one of the tenant’s own trunks',
        params: idParamSchema,
        body: updateTrunkSchema,
        response: { 200: envelope(trunkSchema) },
      },
    },
    async (req) => ok(req, await svc.update(tenantCtx(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/trunks/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete one of the tenant’s own trunks and its Asterisk objects',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string(), deleted: z.literal(true) })) },
      },
    },
    async (req) => {
      await svc.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id, deleted: true as const });
    },
  );
};
