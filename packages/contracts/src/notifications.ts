import { z } from 'zod';
import { isoDate, text, multiLineText } from './common';
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
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;
export const unreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** Notification ids are the table's auto-increment numbers, sent as strings (15 digits stay exact in JS). */
export const notificationIdSchema = z.string().regex(/^\d{1,15}$/, 'Expected a notification id');
/** `ids` omitted marks every unread notification of the caller as read. */
export const markReadSchema = z
  .object({ ids: z.array(notificationIdSchema).min(1).max(100).optional() })
  .strict();
export type MarkReadInput = z.infer<typeof markReadSchema>;

/** What a module passes to `notifications.notify(tenantId, userId, input)`. */
export const newNotificationSchema = z
  .object({
    kind: text(64),
    title: text(200),
    body: multiLineText(2000).nullable().optional(),
    /** An in-app path such as `/tickets/42`; never an external URL. */
    link: z
      .string()
      .max(500)
      .regex(/^\/(?!\/)/, 'Expected an in-app path starting with /')
      .nullable()
      .optional(),
  })
  .strict();
export type NewNotification = z.infer<typeof newNotificationSchema>;
