import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';
import { translate } from './messages';

describe('translate', () => {
  it('interpolates values and falls back to English for missing keys', () => {
    expect(translate(null, 'home.usageOf', { used: 3, limit: 10 })).toBe('3 of 10');
    expect(translate({ common: { cancel: 'Annuler' } } as never, 'common.cancel')).toBe('Annuler');
    expect(translate({ common: { cancel: 'Annuler' } } as never, 'common.close')).toBe('Close');
  });
});

describe('formatters', () => {
  it("shows times in the tenant's time zone", () => {
    const paris = createFormatters('en-GB', 'Europe/Paris');
    const tokyo = createFormatters('en-GB', 'Asia/Tokyo');
    expect(paris.time('2026-11-24T08:00:00.000Z')).toBe('09:00');
    expect(tokyo.time('2026-11-24T08:00:00.000Z')).toBe('17:00');
  });

  it('formats handling times and relative times', () => {
    const format = createFormatters('en', 'UTC');
    expect(format.duration(65)).toBe('1:05');
    expect(format.duration(3725)).toBe('1:02:05');
    const now = new Date('2026-11-24T12:00:00.000Z');
    expect(format.relative('2026-11-24T11:57:00.000Z', now)).toBe('3 minutes ago');
    expect(format.relative('2026-11-23T12:00:00.000Z', now)).toBe('yesterday');
  });
});
