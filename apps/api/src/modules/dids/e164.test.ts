import { describe, expect, it } from 'vitest';
import { createDidSchema, normalizeE164 } from '@switchboard/contracts';

describe('normalizeE164', () => {
  it.each([
    ['+49 30 1234567', '+49301234567'],
    ['+49-30-123-4567', '+49301234567'],
    ['0049 30 1234567', '+49301234567'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['  +33.1.23.45.67.89 ', '+33123456789'],
    ['+61/2/9876/5432', '+61298765432'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeE164(input)).toBe(expected);
  });

  it.each([
    '030 1234567', // national: no country code
    '4930123456', // no + or 00
    '+0 123 4567', // country codes never start with 0
    '+49 30 abc', // letters
    '+49 30 1234567 ext. 5',
    '+1234', // too short
    '+1234567890123456', // more than 15 digits
    '++49301234567',
    '+49+301234567',
    '',
  ])('refuses %j', (input) => {
    expect(normalizeE164(input)).toBeNull();
  });

  it('names the field when a request body holds a bad number', () => {
    const r = createDidSchema.safeParse({ number: '030 1234567', destination: { type: 'hangup' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['number']);
  });
});
