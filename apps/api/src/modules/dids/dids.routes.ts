import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createDidSchema,
  destinationOptionSchema,
  didSchema,
  envelope,
  idParamSchema,
  listDestinationOptionsQuerySchema,
  listDidsQuerySchema,
  updateDidSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'dids.read', feature: 'voice' } } as const;
const write = { access: { permission: 'dids.write', feature: 'voice' } } as const;
const one = envelope(didSchema);

export const didsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { dids, destinations } = container;

  app.get(
    '/api/v1/dids',
    {
      config: read,
      schema: {
        tags: ['dids'],
        summary: 'List phone numbers; search matches number or description',
        querystring: listDidsQuerySchema,
        response: { 200: envelope(z.array(didSchema)) },
      },
    },
    async (req) => okPage(req, await dids.list(tenantCtx(req), req.query)),
  );
  app.post(
    '/api/v1/dids',
    {
      config: write,
      schema: {
        tags: ['dids'],
        summary: 'Add a phone number (E.164, unique across the platform) and its routing',
        body: createDidSchema,
        response: { 201: one },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await dids.create(tenantCtx(req), req.body))),
  );
  app.get(
    '/api/v1/dids/:id',
    { config: read, schema: { tags: ['dids'], summary: 'Get a phone number', params: idParamSchema, response: { 200: one } } },
    async (req) => ok(req, await dids.get(tenantCtx(req), req.params.id)),
  );
  app.patch(
    '/api/v1/dids/:id',
    {
      config: write,
      schema: { tags: ['dids'], summary: 'Change a phone number or its routing', params: idParamSchema, body: updateDidSchema, response: { 200: one } },
    },
    async (req) => ok(req, await dids.update(tenantCtx(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/dids/:id',
    {
      config: write,
      schema: { tags: ['dids'], summary: 'Remove a phone number', params: idParamSchema, response: { 200: envelope(z.object({ id: z.string() })) } },
    },
    async (req) => {
      await dids.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );

  app.get(
    '/api/v1/destinations',
    {
      config: read,
      schema: {
        tags: ['dids'],
        summary: 'Everything a call can be sent to (queues, endpoints, voicemail boxes, IVR menus), labelled for a picker',
        querystring: listDestinationOptionsQuerySchema,
        response: { 200: envelope(z.array(destinationOptionSchema)) },
      },
    },
    async (req) => okPage(req, await destinations.listOptions(tenantCtx(req).tenantId, req.query)),
  );
};
