import { z } from 'zod';
import { isoDate, plainString, multiLineText, singleLineText } from './common';
import { destinationInputSchema, destinationSchema, destinationTypeSchema, e164Schema, phoneNumberInput } from './destinations';
import { pageQuerySchema } from './pagination';

/**
 * When set, the DID routes to `destination` while open and to `closed_destination` while closed.
 * `business_hours` uses the tenant's settings.business_hours; `schedule` a named schedule.
 */
export const timeConditionSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('business_hours') }).strict(),
  z.object({ mode: z.literal('schedule'), schedule_id: plainString().min(1).max(64) }).strict(),
]);
export type TimeCondition = z.infer<typeof timeConditionSchema>;

/** What happens when an endpoint destination rings out unanswered. */
export const unansweredFallbacks = ['voicemail', 'hangup'] as const;
export const unansweredFallbackSchema = z.enum(unansweredFallbacks);

export const didSmsSchema = z.object({
  enabled: z.boolean(),
  /** Inbound messages are POSTed here. Must be http(s) to a public host (no private, loopback,
   *  link-local or metadata addresses, no localhost names); checked on write by literal address,
   *  and again by the sender at delivery time after DNS resolution. */
  webhook_url: z.string().nullable(),
  /** Only these senders are accepted; empty = anyone. */
  allowed_senders: z.array(e164Schema),
});
export type DidSms = z.infer<typeof didSmsSchema>;

export const didSchema = z.object({
  id: z.string(),
  number: e164Schema,
  description: z.string().nullable(),
  /** Where calls go (while open, when a time condition is set). */
  destination: destinationSchema,
  time_condition: timeConditionSchema.nullable(),
  /** Where calls go while closed; set exactly when time_condition is. */
  closed_destination: destinationSchema.nullable(),
  unanswered_fallback: unansweredFallbackSchema,
  /** Prepended to the caller-id name shown to agents, e.g. "Sales: ". */
  caller_id_name_prefix: z.string().nullable(),
  recording_enabled: z.boolean(),
  sms: didSmsSchema,
  created_at: isoDate,
  updated_at: isoDate,
});
export type Did = z.infer<typeof didSchema>;

const smsInput = z
  .object({
    enabled: z.boolean().default(false),
    webhook_url: plainString()
      .trim()
      .max(2000)
      .pipe(z.url({ protocol: /^https?$/, message: 'Expected an http(s) URL' }))
      .nullable()
      .default(null),
    allowed_senders: z.array(phoneNumberInput).max(100).default([]),
  })
  .strict();

// Not trimmed: a prefix such as "Sales: " keeps its trailing space. It ends up in a SIP header,
// so quotes, angle brackets, backslashes and control characters are refused.
const prefix = singleLineText(40, { min: 0, trim: false })
  .refine(
    (v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '"<>\\'.includes(c)),
    'Quotes, angle brackets, backslashes and control characters are not allowed',
  )
  .nullable();
const description = multiLineText(200).nullable();

export const createDidSchema = z
  .object({
    number: phoneNumberInput,
    description: description.default(null),
    destination: destinationInputSchema,
    time_condition: timeConditionSchema.nullable().default(null),
    closed_destination: destinationInputSchema.nullable().default(null),
    unanswered_fallback: unansweredFallbackSchema.default('voicemail'),
    caller_id_name_prefix: prefix.default(null),
    recording_enabled: z.boolean().default(false),
    sms: smsInput.default({ enabled: false, webhook_url: null, allowed_senders: [] }),
  })
  .strict();
export type CreateDidInput = z.infer<typeof createDidSchema>;

/** Every field optional; the merged result is checked as a whole (time condition ⇔ closed destination). */
export const updateDidSchema = z
  .object({
    number: phoneNumberInput.optional(),
    description: description.optional(),
    destination: destinationInputSchema.optional(),
    time_condition: timeConditionSchema.nullable().optional(),
    closed_destination: destinationInputSchema.nullable().optional(),
    unanswered_fallback: unansweredFallbackSchema.optional(),
    caller_id_name_prefix: prefix.optional(),
    recording_enabled: z.boolean().optional(),
    sms: smsInput.optional(),
  })
  .strict();
export type UpdateDidInput = z.infer<typeof updateDidSchema>;

export const listDidsQuerySchema = pageQuerySchema.extend({
  /** Matches number or description; digits-only searches also match formatted input. */
  search: plainString().trim().max(80).optional(),
  destination_type: destinationTypeSchema.optional(),
});
export type ListDidsQuery = z.infer<typeof listDidsQuerySchema>;
