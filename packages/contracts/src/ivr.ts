import { z } from 'zod';
import { isoDate, text, plainString } from './common';
import { destinationInputSchema, destinationSchema } from './destinations';
import { pageQuerySchema } from './pagination';

/**
 * An Asterisk sound name as played by `Playback`: path segments of letters, digits, `_` and `-`,
 * without extension (`hello-world`, `custom/welcome`, `digits/1`). No `..`, no absolute paths.
 */
export const soundNameSchema = z
  .string()
  .max(120)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*){0,4}$/,
    'An Asterisk sound name like custom/welcome (letters, digits, _ - and /, no extension)',
  );

export const greetingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sound'), name: soundNameSchema }).strict(),
  z.object({ type: z.literal('audio'), audio_id: plainString().min(1).max(64) }).strict(),
]);
export type Greeting = z.infer<typeof greetingSchema>;

export const ivrDigits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export const ivrDigitSchema = z.enum(ivrDigits);

export const ivrOptionSchema = z.object({ digit: ivrDigitSchema, destination: destinationSchema });
export type IvrOption = z.infer<typeof ivrOptionSchema>;

export const ivrMenuSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Played on entry and after each invalid or missing input; null plays nothing. */
  greeting: greetingSchema.nullable(),
  options: z.array(ivrOptionSchema),
  /** Seconds to wait for a digit after the greeting. */
  timeout_seconds: z.number().int(),
  /** Where the call goes after max_retries timeouts; null hangs up. */
  timeout_destination: destinationSchema.nullable(),
  /** Where the call goes after max_retries invalid digits; null hangs up. */
  invalid_destination: destinationSchema.nullable(),
  /** How many times the greeting is replayed after a timeout or invalid digit. */
  max_retries: z.number().int(),
  enabled: z.boolean(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type IvrMenu = z.infer<typeof ivrMenuSchema>;

const optionsInput = z
  .array(z.object({ digit: ivrDigitSchema, destination: destinationInputSchema }).strict())
  .max(ivrDigits.length)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((o, i) => {
      if (seen.has(o.digit)) ctx.addIssue({ code: 'custom', path: [i, 'digit'], message: 'Digit used twice' });
      seen.add(o.digit);
    });
  });

const menuFields = {
  name: text(80),
  greeting: greetingSchema.nullable(),
  options: optionsInput,
  timeout_seconds: z.number().int().min(1).max(60),
  timeout_destination: destinationInputSchema.nullable(),
  invalid_destination: destinationInputSchema.nullable(),
  max_retries: z.number().int().min(0).max(10),
  enabled: z.boolean(),
};

export const createIvrMenuSchema = z
  .object({
    name: menuFields.name,
    greeting: menuFields.greeting.default(null),
    options: menuFields.options.default([]),
    timeout_seconds: menuFields.timeout_seconds.default(5),
    timeout_destination: menuFields.timeout_destination.default(null),
    invalid_destination: menuFields.invalid_destination.default(null),
    max_retries: menuFields.max_retries.default(3),
    enabled: menuFields.enabled.default(true),
  })
  .strict();
export type CreateIvrMenuInput = z.infer<typeof createIvrMenuSchema>;

export const updateIvrMenuSchema = z
  .object({
    name: menuFields.name.optional(),
    greeting: menuFields.greeting.optional(),
    options: menuFields.options.optional(),
    timeout_seconds: menuFields.timeout_seconds.optional(),
    timeout_destination: menuFields.timeout_destination.optional(),
    invalid_destination: menuFields.invalid_destination.optional(),
    max_retries: menuFields.max_retries.optional(),
    enabled: menuFields.enabled.optional(),
  })
  .strict();
export type UpdateIvrMenuInput = z.infer<typeof updateIvrMenuSchema>;

export const listIvrMenusQuerySchema = pageQuerySchema.extend({ search: plainString().trim().max(80).optional() });
export type ListIvrMenusQuery = z.infer<typeof listIvrMenusQuerySchema>;

// Audio -------------------------------------------------------------------------------------

/**
 * Uploaded prompts. Upload: `POST /api/v1/audio?name=Welcome` with the file as the raw request
 * body and `Content-Type: audio/wav | audio/mpeg | audio/ogg`. The content is checked by its
 * magic bytes (RIFF/WAVE, ID3 or an MPEG frame, OggS); the stored type is the detected one.
 * Files count towards the tenant's `storage_mb` limit.
 */
export const audioContentTypes = ['audio/wav', 'audio/mpeg', 'audio/ogg'] as const;
export type AudioContentType = (typeof audioContentTypes)[number];
export const AUDIO_MAX_BYTES = 10 * 1024 * 1024;

export const audioFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  content_type: z.enum(audioContentTypes),
  size_bytes: z.number().int(),
  sha256: z.string(),
  created_at: isoDate,
});
export type AudioFile = z.infer<typeof audioFileSchema>;

export const uploadAudioQuerySchema = z.object({ name: text(120) }).strict();
export type UploadAudioQuery = z.infer<typeof uploadAudioQuerySchema>;

export const listAudioQuerySchema = pageQuerySchema.extend({ search: plainString().trim().max(120).optional() });
export type ListAudioQuery = z.infer<typeof listAudioQuerySchema>;
