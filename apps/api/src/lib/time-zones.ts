/** Minutes east of UTC of `tz` at the instant `at` (e.g. 60 for Europe/Berlin in winter). */
export function zoneOffsetMinutes(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant at which the local day containing `at` began in `tz` ("today" for the
 * wallboard and the analytics: a call belongs to the interval in which it entered the queue).
 */
export function startOfLocalDay(tz: string, at: Date): Date {
  const offset = zoneOffsetMinutes(tz, at);
  const local = new Date(at.getTime() + offset * 60_000);
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // The offset at midnight may differ from now's (DST change during the day): correct once.
  const guess = new Date(midnightAsUtc - offset * 60_000);
  const offsetAtMidnight = zoneOffsetMinutes(tz, guess);
  return new Date(midnightAsUtc - offsetAtMidnight * 60_000);
}
