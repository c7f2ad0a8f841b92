import type { Holiday, WeeklyHours } from '@switchboard/contracts';
import { weekdays } from '@switchboard/contracts';

/** What `isOpen` reads: a named schedule, or the tenant's business hours (no holidays). */
export type OpeningHours = { weekly_hours: WeeklyHours; holidays?: readonly Holiday[] } | WeeklyHours;

type Interval = { open: string; close: string };
type LocalTime = { date: string; weekday: number; minutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The wall-clock date, weekday (0 = Monday) and minute of the day at `at` in `tz`. */
function localTime(tz: string, at: Date): LocalTime {
  const parts = Object.fromEntries(formatterFor(tz).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdayIndex[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The calendar date one day before `date` (YYYY-MM-DD), independent of any time zone. */
function previousDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function split(hours: OpeningHours): { weekly: WeeklyHours; holidays: readonly Holiday[] } {
  return 'weekly_hours' in hours
    ? { weekly: hours.weekly_hours, holidays: hours.holidays ?? [] }
    : { weekly: hours, holidays: [] };
}

/**
 * Whether calls meet "open" at the instant `at`, reading the hours as wall-clock times in `tz`
 * (the tenant's zone), so DST changes move the opening instant with the clock. Intervals are
 * [open, close); one whose close is not after its open runs past midnight and its tail counts on
 * the next calendar day. A holiday replaces its date's hours (`hours: []` closes the whole day);
 * an overnight interval from the day before still runs into a holiday morning unless that day
 * was itself a holiday without it.
 */
export function isOpen(hours: OpeningHours, tz: string, at: Date): boolean {
  const { weekly, holidays } = split(hours);
  const now = localTime(tz, at);
  const intervalsOn = (date: string, weekday: number): readonly Interval[] => {
    const holiday = holidays.find((h) => h.date === date);
    return holiday ? holiday.hours : weekly[weekdays[weekday]!];
  };

  for (const i of intervalsOn(now.date, now.weekday)) {
    const open = toMinutes(i.open);
    const close = toMinutes(i.close);
    if (close > open ? now.minutes >= open && now.minutes < close : now.minutes >= open) return true;
  }
  const yesterday = previousDate(now.date);
  for (const i of intervalsOn(yesterday, (now.weekday + 6) % 7)) {
    const open = toMinutes(i.open);
    const close = toMinutes(i.close);
    if (close <= open && now.minutes < close) return true;
  }
  return false;
}
