import { describe, expect, it } from 'vitest';
import { defaultBusinessHours, type WeeklyHours } from '@switchboard/contracts';
import { isOpen } from './is-open';

const closed: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const at = (iso: string) => new Date(iso);

describe('isOpen', () => {
  it('reads business hours as wall-clock time in the tenant zone', () => {
    // Monday 2026-01-12, Berlin is UTC+1 in winter: 09:00 local = 08:00Z.
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-01-12T07:59:59Z'))).toBe(false);
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-01-12T08:00:00Z'))).toBe(true);
    // Close is exclusive: 17:00 local = 16:00Z is closed.
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-01-12T15:59:00Z'))).toBe(true);
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-01-12T16:00:00Z'))).toBe(false);
    // Saturday.
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-01-17T10:00:00Z'))).toBe(false);
  });

  it('uses the local weekday, not the UTC one', () => {
    // Sunday 23:30Z is Monday 08:30 in Tokyo (UTC+9).
    const hours = { ...closed, mon: [{ open: '08:00', close: '09:00' }] };
    expect(isOpen(hours, 'Asia/Tokyo', at('2026-01-11T23:30:00Z'))).toBe(true);
    expect(isOpen(hours, 'UTC', at('2026-01-11T23:30:00Z'))).toBe(false);
  });

  it('follows the spring-forward DST change (Europe/Berlin, 2026-03-29)', () => {
    const sunday = { ...closed, sun: [{ open: '09:00', close: '17:00' }] };
    // After the change Berlin is UTC+2: 09:00 local = 07:00Z; a fixed UTC+1 offset would say 08:00.
    expect(isOpen(sunday, 'Europe/Berlin', at('2026-03-29T06:59:00Z'))).toBe(false);
    expect(isOpen(sunday, 'Europe/Berlin', at('2026-03-29T07:00:00Z'))).toBe(true);
    expect(isOpen(sunday, 'Europe/Berlin', at('2026-03-29T14:59:00Z'))).toBe(true);
    expect(isOpen(sunday, 'Europe/Berlin', at('2026-03-29T15:00:00Z'))).toBe(false);
    // An interval inside the skipped hour (02:00–03:00 does not exist that night) never opens.
    const gap = { ...closed, sun: [{ open: '02:15', close: '02:45' }] };
    expect(isOpen(gap, 'Europe/Berlin', at('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isOpen(gap, 'Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(false);
  });

  it('follows the fall-back DST change (America/New_York, 2026-11-01)', () => {
    const sunday = { ...closed, sun: [{ open: '01:00', close: '02:00' }] };
    // 01:00–02:00 happens twice: 05:00Z–06:00Z (EDT) and 06:00Z–07:00Z (EST); open during both.
    expect(isOpen(sunday, 'America/New_York', at('2026-11-01T04:59:00Z'))).toBe(false);
    expect(isOpen(sunday, 'America/New_York', at('2026-11-01T05:30:00Z'))).toBe(true);
    expect(isOpen(sunday, 'America/New_York', at('2026-11-01T06:30:00Z'))).toBe(true);
    expect(isOpen(sunday, 'America/New_York', at('2026-11-01T07:00:00Z'))).toBe(false);
  });

  it('runs an interval whose close is not after its open past midnight', () => {
    const night = { ...closed, fri: [{ open: '22:00', close: '06:00' }] };
    expect(isOpen(night, 'UTC', at('2026-01-16T21:59:00Z'))).toBe(false); // Fri 21:59
    expect(isOpen(night, 'UTC', at('2026-01-16T23:00:00Z'))).toBe(true); // Fri 23:00
    expect(isOpen(night, 'UTC', at('2026-01-17T05:59:00Z'))).toBe(true); // Sat 05:59
    expect(isOpen(night, 'UTC', at('2026-01-17T06:00:00Z'))).toBe(false); // Sat 06:00
    const untilMidnight = { ...closed, mon: [{ open: '18:00', close: '00:00' }] };
    expect(isOpen(untilMidnight, 'UTC', at('2026-01-12T23:59:00Z'))).toBe(true);
    expect(isOpen(untilMidnight, 'UTC', at('2026-01-13T00:00:00Z'))).toBe(false);
  });

  it('lets holidays close a day or replace its hours, by local date', () => {
    const schedule = {
      weekly_hours: defaultBusinessHours,
      holidays: [
        { date: '2026-12-25', name: 'Christmas', hours: [] },
        { date: '2026-12-24', name: 'Christmas Eve', hours: [{ open: '09:00', close: '12:00' }] },
      ],
    };
    expect(isOpen(schedule, 'Europe/Berlin', at('2026-12-25T10:00:00Z'))).toBe(false); // Friday, closed
    expect(isOpen(schedule, 'Europe/Berlin', at('2026-12-24T10:00:00Z'))).toBe(true); // 11:00 local
    expect(isOpen(schedule, 'Europe/Berlin', at('2026-12-24T11:00:00Z'))).toBe(false); // 12:00 local
    // 2026-12-24T23:30Z is already the 25th in Berlin.
    const lateEve = {
      weekly_hours: { ...closed, thu: [{ open: '00:00', close: '00:00' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas', hours: [] }],
    };
    expect(isOpen(lateEve, 'Europe/Berlin', at('2026-12-24T23:30:00Z'))).toBe(false);
    expect(isOpen(lateEve, 'UTC', at('2026-12-24T23:30:00Z'))).toBe(true);
    // Without holidays the same Friday is open.
    expect(isOpen(defaultBusinessHours, 'Europe/Berlin', at('2026-12-25T10:00:00Z'))).toBe(true);
  });
});
