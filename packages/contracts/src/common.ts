import { z } from 'zod';

/*
 * The one text rule (RELIABILITY I1). Every string that arrives in a request is well-formed
 * Unicode (no lone UTF-16 surrogate, the same test as String.prototype.isWellFormed) and has no NUL,
 * so nothing can reach the database and fail there. Names and free text go further: no C0/C1
 * control characters (tab and newline only in multi-line text), no bidi override/isolate
 * characters (they make `abc\u202Egnp.exe` display as `abcexe.png`), and something visible.
 * The builders tag their JSON Schema with `x-text` so the OpenAPI document (and its fuzz) knows.
 */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const LONE_SURROGATE = /\p{Cs}/u;
const NUL = /\u0000/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}\p{Cf}]*$/u;
/* eslint-enable no-control-regex */

export type TextKind = 'single-line' | 'multi-line' | 'plain';
/** The OpenAPI extension the text builders set: `x-text: single-line | multi-line | plain`. */
export const TEXT_KIND_KEY = 'x-text';

function checkText(kind: TextKind) {
  return (ctx: z.core.ParsePayload<string>) => {
    const v = ctx.value;
    const fail = (message: string) => ctx.issues.push({ code: 'custom', message, input: v });
    if (LONE_SURROGATE.test(v)) fail('Must be valid Unicode text (lone surrogate)');
    if (kind === 'plain') {
      if (NUL.test(v)) fail('Must not contain NUL characters');
      return;
    }
    if ((kind === 'single-line' ? CONTROL_SINGLE_LINE : CONTROL_MULTI_LINE).test(v)) {
      fail(kind === 'single-line' ? 'Must not contain control characters or line breaks' : 'Must not contain control characters');
    }
    if (BIDI_CONTROL.test(v)) fail('Must not contain bidirectional override characters');
    if (v.length > 0 && INVISIBLE_ONLY.test(v)) fail('Must contain visible characters');
  };
}

/**
 * A trimmed single-line name or label (1..max characters unless `min` says otherwise): well-formed,
 * no control characters, no bidi overrides, not blank or zero-width only.
 */
export const singleLineText = (max: number, { min = 1, trim = true }: { min?: number; trim?: boolean } = {}) =>
  (trim ? z.string().trim() : z.string())
    .min(min)
    .max(max)
    .check(checkText('single-line'))
    .meta({ [TEXT_KIND_KEY]: 'single-line' });

/** Trimmed free text (descriptions, notes, bodies): like singleLineText, but tab and newlines are allowed; empty by default. */
export const multiLineText = (max: number, { min = 0 }: { min?: number } = {}) =>
  z.string().trim().min(min).max(max).check(checkText('multi-line')).meta({ [TEXT_KIND_KEY]: 'multi-line' });

/**
 * Any other string (passwords, tokens, ids, urls, codes): well-formed Unicode and no NUL, nothing
 * more; length limits are chained by the caller. Not trimmed.
 */
export const plainString = () => z.string().check(checkText('plain')).meta({ [TEXT_KIND_KEY]: 'plain' });

/** A trimmed, non-empty single-line name with a maximum length, named in errors by its field path. */
export const text = (max: number) => singleLineText(max);
export const isoDate = z.string(); // timestamps travel as ISO 8601 strings (UTC, with ms)
export const email = plainString().trim().toLowerCase().pipe(z.email().max(254));
/** A language tag such as `en` or `en-GB`. */
export const localeTag = plainString()
  .min(2)
  .max(16)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Expected a language tag such as en or en-GB');

/** IANA time zone, checked against the runtime's zone database. */
export const timeZone = plainString()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Unknown time zone' },
  );

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24 h)');
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(weekdays);

/** Opening hours for one weekday: a list of [open, close) intervals. */
export const dayHoursSchema = z.array(z.object({ open: hhmm, close: hhmm }).strict()).max(6);
export const weeklyHoursSchema = z
  .object({
    mon: dayHoursSchema,
    tue: dayHoursSchema,
    wed: dayHoursSchema,
    thu: dayHoursSchema,
    fri: dayHoursSchema,
    sat: dayHoursSchema,
    sun: dayHoursSchema,
  })
  .strict();
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const defaultBusinessHours: WeeklyHours = {
  mon: [{ open: '09:00', close: '17:00' }],
  tue: [{ open: '09:00', close: '17:00' }],
  wed: [{ open: '09:00', close: '17:00' }],
  thu: [{ open: '09:00', close: '17:00' }],
  fri: [{ open: '09:00', close: '17:00' }],
  sat: [],
  sun: [],
};
