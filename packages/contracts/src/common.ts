import { z } from 'zod';

/** A trimmed, non-empty string with a maximum length, named in errors by its field path. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.string(); // timestamps travel as ISO 8601 strings (UTC, with ms)
export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** IANA time zone, checked against the runtime's zone database. */
export const timeZone = z
  .string()
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
