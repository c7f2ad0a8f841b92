import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addQueueMemberSchema,
  createQueueSchema,
  envelope,
  idParamSchema,
  listQueueMembersQuerySchema,
  listQueuesQuerySchema,
  memberUserParamSchema,
  queueMemberSchema,
  queueSchema,
  replaceQueueMembersSchema,
  updateQueueMemberSchema,
  updateQueueSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'queues.read', feature: 'voice' } } as const;
const write = { access: { permission: 'queues.write', feature: 'voice' } } as const;
const one = envelope(queueSchema);
const oneMember = envelope(queueMemberSchema);
const deleted = envelope(z.object({ id: z.string() }));

export const queuesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { queues, queueMembers } = container;

  app.get(
    '/api/v1/queues',
    {
      config: read,
      schema: {
        tags: ['queues'],
        summary: 'List queues with their member counts',
        querystring: listQueuesQuerySchema,
        response: { 200: envelope(z.array(queueSchema)) },
      },
    },
    async (req) => okPage(req, await queues.list(tenantCtx(req), req.query)),
  );
  app.post(
    '/api/v1/queues',
    { config: write, schema: { tags: ['queues'], summary: 'Create a queue', body: createQueueSchema, response: { 201: one } } },
    async (req, reply) => reply.status(201).send(ok(req, await queues.create(tenantCtx(req), req.body))),
  );
  app.get(
    '/api/v1/queues/:id',
    { config: read, schema: { tags: ['queues'], summary: 'Get a queue', params: idParamSchema, response: { 200: one } } },
    async (req) => ok(req, await queues.get(tenantCtx(req), req.params.id)),
  );
  app.patch(
    '/api/v1/queues/:id',
    {
      config: write,
      schema: { tags: ['queues'], summary: 'Change a queue', params: idParamSchema, body: updateQueueSchema, response: { 200: one } },
    },
    async (req) => ok(req, await queues.update(tenantCtx(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/queues/:id',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Delete a queue (409 while a DID, an overflow or an IVR menu routes to it)',
        params: idParamSchema,
        response: { 200: deleted },
      },
    },
    async (req) => {
      await queues.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );

  app.get(
    '/api/v1/queues/:id/members',
    {
      config: read,
      schema: {
        tags: ['queues'],
        summary: "List a queue's members",
        params: idParamSchema,
        querystring: listQueueMembersQuerySchema,
        response: { 200: envelope(z.array(queueMemberSchema)) },
      },
    },
    async (req) => okPage(req, await queueMembers.list(tenantCtx(req), req.params.id, req.query)),
  );
  app.post(
    '/api/v1/queues/:id/members',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Add a user to a queue',
        params: idParamSchema,
        body: addQueueMemberSchema,
        response: { 201: oneMember },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await queueMembers.add(tenantCtx(req), req.params.id, req.body))),
  );
  app.put(
    '/api/v1/queues/:id/members',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Replace the member list (add, change penalties, remove the rest)',
        params: idParamSchema,
        body: replaceQueueMembersSchema,
        response: { 200: envelope(z.array(queueMemberSchema)) },
      },
    },
    async (req) => ok(req, await queueMembers.replace(tenantCtx(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/queues/:id/members/:userId',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: "Change a member's penalty",
        params: memberUserParamSchema,
        body: updateQueueMemberSchema,
        response: { 200: oneMember },
      },
    },
    async (req) => ok(req, await queueMembers.setPenalty(tenantCtx(req), req.params.id, req.params.userId, req.body.penalty)),
  );
  app.delete(
    '/api/v1/queues/:id/members/:userId',
    {
      config: write,
      schema: {
        tags: ['queues'],
        summary: 'Remove a user from a queue',
        params: memberUserParamSchema,
        response: { 200: envelope(z.object({ queue_id: z.string(), user_id: z.string() })) },
      },
    },
    async (req) => {
      await queueMembers.remove(tenantCtx(req), req.params.id, req.params.userId);
      return ok(req, { queue_id: req.params.id, user_id: req.params.userId });
    },
  );
};
