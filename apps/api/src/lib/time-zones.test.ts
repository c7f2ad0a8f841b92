import { describe, expect, it } from 'vitest';
import { startOfLocalDay, zoneOffsetMinutes } from './time-zones';

describe('time zones', () => {
  it('computes zone offsets', () => {
    expect(zoneOffsetMinutes('UTC', new Date('2026-03-01T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-07-15T12:00:00Z'))).toBe(-240);
  });

  it('finds the start of the local day', () => {
    expect(startOfLocalDay('UTC', new Date('2026-03-01T12:34:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(startOfLocalDay('Europe/Berlin', new Date('2026-07-15T23:30:00Z')).toISOString()).toBe('2026-07-15T22:00:00.000Z');
    expect(startOfLocalDay('America/New_York', new Date('2026-07-15T02:00:00Z')).toISOString()).toBe('2026-07-14T04:00:00.000Z');
  });

  it('handles a DST change during the day', () => {
    // Berlin switches to summer time at 01:00 UTC on 2026-03-29; midnight was still +01:00.
    expect(startOfLocalDay('Europe/Berlin', new Date('2026-03-29T15:00:00Z')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
