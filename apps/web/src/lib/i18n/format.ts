/**
 * Formatting in the user's locale and the tenant's time zone. Times on the wire are UTC ISO
 * strings; a contact center reads them in the tenant's zone so that "09:00" means the same thing
 * to every agent and to the reports.
 */
export type Formatters = ReturnType<typeof createFormatters>;

type DateInput = string | number | Date;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function createFormatters(locale: string, timeZone: string | undefined) {
  const zone = timeZone || undefined;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  return {
    locale,
    timeZone: zone,
    date: (value: DateInput) => date.format(toDate(value)),
    dateTime: (value: DateInput) => dateTime.format(toDate(value)),
    time: (value: DateInput) => time.format(toDate(value)),
    number: (value: number) => number.format(value),
    /** `ratio` is 0..1. */
    percent: (ratio: number) => percent.format(ratio),
    /** 3725 → "1:02:05", 65 → "1:05": the way call handling times are read on a wallboard. */
    duration: (totalSeconds: number) => {
      const seconds = Math.max(0, Math.round(totalSeconds));
      const h = Math.floor(seconds / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      const s = seconds % 60;
      const pad = (n: number) => String(n).padStart(2, '0');
      return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
    },
    /** "3 minutes ago", "yesterday", "in 2 hours". */
    relative: (value: DateInput, now: Date = new Date()) => {
      let delta = (toDate(value).getTime() - now.getTime()) / 1000;
      for (const [unit, size] of relativeSteps) {
        if (Math.abs(delta) < size) return relative.format(Math.round(delta), unit);
        delta /= size;
      }
      return relative.format(Math.round(delta), 'year');
    },
  };
}
