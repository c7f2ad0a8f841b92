import { z } from 'zod';
import { isoDate } from './common';
import { pageQuerySchema, queryBoolean } from './pagination';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  read_at: isoDate.nullable(),
  created_at: isoDate,
});
export type Notification = z.infer<typeof notificationSchema>;
export const listNotificationsQuerySchema = pageQuerySchema.extend({ unread: queryBoolean.optional() });
export const unreadCountSchema = z.object({ unread: z.number().int() });
export const markReadSchema = z.object({ ids: z.array(z.string().max(64)).max(100).optional() }).strict();
