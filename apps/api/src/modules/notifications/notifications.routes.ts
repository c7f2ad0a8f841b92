import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  envelope,
  listNotificationsQuerySchema,
  markReadSchema,
  notificationSchema,
  unreadCountSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const access = { permission: 'notifications.read' } as const;

/** The signed-in user's own notifications (the bell menu). */
export const notificationsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const service = container.notifications;

  app.get(
    '/api/v1/notifications',
    {
      config: { access },
      schema: {
        tags: ['notifications'],
        summary: 'List my notifications, newest first',
        querystring: listNotificationsQuerySchema,
        response: { 200: envelope(z.array(notificationSchema)) },
      },
    },
    async (req) => okPage(req, await service.list(tenantCtx(req), req.query)),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      config: { access },
      schema: {
        tags: ['notifications'],
        summary: 'Count my unread notifications',
        response: { 200: envelope(unreadCountSchema) },
      },
    },
    async (req) => ok(req, await service.unreadCount(tenantCtx(req))),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { access },
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read (all of mine when no ids are given); answers the new unread count',
        body: markReadSchema,
        response: { 200: envelope(unreadCountSchema) },
      },
    },
    async (req) => ok(req, await service.markRead(tenantCtx(req), req.body)),
  );
};
