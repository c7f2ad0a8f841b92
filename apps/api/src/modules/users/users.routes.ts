import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignRoleSchema,
  createUserSchema,
  envelope,
  idParamSchema,
  listUsersQuerySchema,
  setUserStatusSchema,
  updateUserSchema,
  userSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { permission: 'users.read' } as const;
const write = { permission: 'users.write' } as const;
const one = envelope(userSchema);

export const usersRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const users = container.users;

  app.get(
    '/api/v1/users',
    {
      config: { access: read },
      schema: {
        tags: ['users'],
        summary: 'List users (filter by role, status, name or e-mail)',
        querystring: listUsersQuerySchema,
        response: { 200: envelope(z.array(userSchema)) },
      },
    },
    async (req) => okPage(req, await users.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: write },
      schema: { tags: ['users'], summary: 'Create a user', body: createUserSchema, response: { 201: one } },
    },
    async (req, reply) => reply.status(201).send(ok(req, await users.create(tenantCtx(req), req.body))),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: read },
      schema: { tags: ['users'], summary: 'Read a user', params: idParamSchema, response: { 200: one } },
    },
    async (req) => ok(req, await users.get(tenantCtx(req), req.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: write },
      schema: {
        tags: ['users'],
        summary: "Change a user's name, e-mail or locale",
        params: idParamSchema,
        body: updateUserSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await users.update(tenantCtx(req), req.params.id, req.body)),
  );

  app.put(
    '/api/v1/users/:id/role',
    {
      config: { access: write },
      schema: {
        tags: ['users'],
        summary: "Give a user another role (ends the user's current access tokens)",
        params: idParamSchema,
        body: assignRoleSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await users.assignRole(tenantCtx(req), req.params.id, req.body.role_id)),
  );

  app.put(
    '/api/v1/users/:id/status',
    {
      config: { access: write },
      schema: {
        tags: ['users'],
        summary: 'Enable or disable a user (disabling ends every session of the user)',
        params: idParamSchema,
        body: setUserStatusSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await users.setStatus(tenantCtx(req), req.params.id, req.body.status)),
  );

  app.delete(
    '/api/v1/users/:id',
    {
      config: { access: write },
      schema: {
        tags: ['users'],
        summary: 'Delete a user (kept for history; the e-mail address becomes free)',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string() })) },
      },
    },
    async (req) => {
      await users.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );
};
