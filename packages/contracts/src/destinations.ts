import { z } from 'zod';
import { plainString } from './common';
import { pageQuerySchema } from './pagination';

/**
 * Turns a phone number typed by a person into E.164 (`+4930123456`), or null when it cannot be
 * one. Accepts spaces, dashes, dots, parentheses, a `(0)` trunk prefix after the country code
 * (`+44 (0)20 …`) and an international `00` prefix. National numbers without a country code are
 * refused: the platform serves many countries and cannot guess one.
 */
export function normalizeE164(input: string): string | null {
  let s = input.trim().replace(/\(0\)/g, '');
  if (!/^[+0-9 ().\-/]+$/.test(s)) return null;
  s = s.replace(/[ ().\-/]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (s.indexOf('+', 1) !== -1) return null;
  return /^\+[1-9]\d{6,14}$/.test(s) ? s : null;
}

export const E164_HINT = 'Expected an international number, e.g. +49 30 1234567 or 0049 30 1234567';

/** An E.164 number on the wire (responses, already-normalised values). */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, E164_HINT);

/** A phone number in request bodies: loosely formatted input, normalised to E.164. */
export const phoneNumberInput = plainString()
  .max(40)
  .transform((value, ctx) => {
    const normalised = normalizeE164(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: E164_HINT });
      return z.NEVER;
    }
    return normalised;
  });

const refId = plainString().min(1).max(64);

export const destinationTypes = ['queue', 'endpoint', 'ivr', 'voicemail', 'external', 'hangup'] as const;
export type DestinationType = (typeof destinationTypes)[number];
export const destinationTypeSchema = z.enum(destinationTypes);

/** Labels for a destination-type select. */
export const destinationTypeLabels: Record<DestinationType, string> = {
  queue: 'Queue',
  endpoint: 'Extension (ring a phone)',
  ivr: 'IVR menu',
  voicemail: 'Voicemail',
  external: 'External number',
  hangup: 'Hang up',
};

/**
 * Where a call goes: a DID's routing, a queue's overflow, an IVR option. Every referenced object
 * must exist in the caller's tenant; the API answers 422 naming the field (`destination.queue_id`)
 * otherwise. `voicemail` needs an endpoint with voicemail enabled.
 */
export const destinationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), queue_id: refId }).strict(),
  z.object({ type: z.literal('endpoint'), endpoint_id: refId }).strict(),
  z.object({ type: z.literal('ivr'), ivr_menu_id: refId }).strict(),
  z.object({ type: z.literal('voicemail'), endpoint_id: refId }).strict(),
  z.object({ type: z.literal('external'), number: e164Schema }).strict(),
  z.object({ type: z.literal('hangup') }).strict(),
]);
export type Destination = z.infer<typeof destinationSchema>;

/** The same union in request bodies: external numbers may be loosely formatted. */
export const destinationInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), queue_id: refId }).strict(),
  z.object({ type: z.literal('endpoint'), endpoint_id: refId }).strict(),
  z.object({ type: z.literal('ivr'), ivr_menu_id: refId }).strict(),
  z.object({ type: z.literal('voicemail'), endpoint_id: refId }).strict(),
  z.object({ type: z.literal('external'), number: phoneNumberInput }).strict(),
  z.object({ type: z.literal('hangup') }).strict(),
]);
export type DestinationInput = z.input<typeof destinationInputSchema>;

/** `GET /api/v1/destinations`: one entry per thing a call can be sent to, for a picker. */
export const destinationOptionKinds = ['queue', 'endpoint', 'voicemail', 'ivr'] as const;
export const destinationOptionKindSchema = z.enum(destinationOptionKinds);
export const destinationOptionSchema = z.object({
  kind: destinationOptionKindSchema,
  /** The id of the queue, endpoint or IVR menu. */
  id: z.string(),
  /** Human label, e.g. "Queue: Sales", "1001 — Alice", "Voicemail 1001 — Alice", "IVR: Main menu". */
  label: z.string(),
  enabled: z.boolean(),
  /** The destination object to store when this option is picked. */
  destination: destinationSchema,
});
export type DestinationOption = z.infer<typeof destinationOptionSchema>;

export const listDestinationOptionsQuerySchema = pageQuerySchema.extend({
  kind: destinationOptionKindSchema.optional(),
  search: plainString().trim().max(80).optional(),
});
export type ListDestinationOptionsQuery = z.infer<typeof listDestinationOptionsQuerySchema>;
