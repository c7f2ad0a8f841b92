import { z } from 'zod';
import { dayHoursSchema, isoDate, text, weeklyHoursSchema, plainString } from './common';
import { pageQuerySchema } from './pagination';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'Not a real date');

/**
 * A day that differs from the weekly hours. `hours: []` means closed all day; otherwise the
 * listed intervals replace that weekday's hours for this date only.
 */
export const holidaySchema = z
  .object({
    date: calendarDate,
    name: text(120),
    hours: dayHoursSchema.default([]),
  })
  .strict();
export type Holiday = z.infer<typeof holidaySchema>;

const holidaysSchema = z
  .array(holidaySchema)
  .max(400)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: 'Date listed twice' });
      seen.add(h.date);
    });
  });

/**
 * Named opening hours in the tenant's time zone. Intervals are [open, close); an interval whose
 * close is not after its open (22:00–06:00, 09:00–00:00) runs past midnight into the next day.
 */
export const scheduleSchema = z.object({
  id: z.string(),
  name: z.string(),
  weekly_hours: weeklyHoursSchema,
  holidays: z.array(holidaySchema),
  /** The tenant's time zone, in which the hours are read (read-only). */
  timezone: z.string(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const createScheduleSchema = z
  .object({ name: text(120), weekly_hours: weeklyHoursSchema, holidays: holidaysSchema.default([]) })
  .strict();
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;
export const updateScheduleSchema = z
  .object({ name: text(120).optional(), weekly_hours: weeklyHoursSchema.optional(), holidays: holidaysSchema.optional() })
  .strict();
export type UpdateScheduleInput = z.infer<typeof updateScheduleSchema>;

export const listSchedulesQuerySchema = pageQuerySchema.extend({
  search: plainString().trim().max(120).optional(),
});
export type ListSchedulesQuery = z.infer<typeof listSchedulesQuerySchema>;
