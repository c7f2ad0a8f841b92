import { z } from 'zod';
import { errorCodeSchema } from './errors';

export const metaSchema = z.object({
  request_id: z.string(),
  timestamp: z.string(),
  next_cursor: z.string().nullable().optional(),
});
export type Meta = z.infer<typeof metaSchema>;

/** `{ success: true, data, meta }` — the shape of every successful answer. */
export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data, meta: metaSchema });

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
  meta: metaSchema,
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export type Envelope<T> = { success: true; data: T; meta: Meta };
