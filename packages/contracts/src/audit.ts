import { z } from 'zod';
import { isoDate, plainString } from './common';
import { pageQuerySchema } from './pagination';

export const auditEntrySchema = z.object({
  id: z.string(),
  actor_id: z.string().nullable(),
  actor_email: z.string().nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  request_id: z.string().nullable(),
  created_at: isoDate,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditQuerySchema = pageQuerySchema.extend({
  action: plainString().max(64).optional(),
  entity_type: plainString().max(64).optional(),
  entity_id: plainString().max(64).optional(),
  actor_id: plainString().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;
