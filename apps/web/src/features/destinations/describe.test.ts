import type { DestinationOption } from '@switchboard/contracts';
import { describe, expect, it, vi } from 'vitest';
import { translate } from '@/lib/i18n/messages';
import { describeDestination, destinationKey, optionsByKey } from './describe';
import { applyServerFieldErrors, firstErrorMessage } from './form-errors';
import { ApiError } from '@/lib/api/errors';

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate(null, key, values);

const sales: DestinationOption = {
  kind: 'queue',
  id: 'q1',
  label: 'Queue: Sales',
  enabled: true,
  destination: { type: 'queue', queue_id: 'q1' },
};
const voicemail: DestinationOption = {
  kind: 'voicemail',
  id: 'e1',
  label: 'Voicemail 1001 — Ada',
  enabled: true,
  destination: { type: 'voicemail', endpoint_id: 'e1' },
};

describe('destinations in words', () => {
  const options = optionsByKey([sales, voicemail]);

  it('names a destination by the picker option that stores it', () => {
    expect(describeDestination({ type: 'queue', queue_id: 'q1' }, options, t)).toBe('Queue: Sales');
    // The same endpoint id as a voicemail box is a different destination than ringing the phone.
    expect(describeDestination({ type: 'voicemail', endpoint_id: 'e1' }, options, t)).toBe('Voicemail 1001 — Ada');
    expect(describeDestination({ type: 'endpoint', endpoint_id: 'e1' }, options, t)).toBe(
      'Extension (ring a phone) (not found)',
    );
  });

  it('describes numbers, hang-up and an empty overflow without options', () => {
    expect(describeDestination({ type: 'external', number: '+4930123456' }, options, t)).toBe('External: +4930123456');
    expect(describeDestination({ type: 'hangup' }, options, t)).toBe('Hang up');
    expect(describeDestination(null, options, t, 'Nobody')).toBe('Nobody');
  });

  it('keys only destinations that point at a stored object', () => {
    expect(destinationKey({ type: 'ivr', ivr_menu_id: 'm1' })).toBe('ivr:m1');
    expect(destinationKey({ type: 'external', number: '+4930123456' })).toBeNull();
  });
});

describe('form errors from the API', () => {
  it('puts nested field errors under the form field they belong to, and ignores unknown ones', () => {
    const setError = vi.fn();
    const error = new ApiError({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      details: {
        fields: [
          { path: 'body.destination.queue_id', message: 'Queue not found' },
          { path: 'body.options.2.digit', message: 'Digit used twice' },
          { path: 'body.tenant_id', message: 'Unknown field' },
        ],
      },
    });
    expect(applyServerFieldErrors(error, setError, ['destination', 'options'])).toBe(true);
    expect(setError.mock.calls).toEqual([
      ['destination.queue_id', { type: 'server', message: 'Queue not found' }],
      ['options.2.digit', { type: 'server', message: 'Digit used twice' }],
    ]);
  });

  it('finds the first message in a nested error tree', () => {
    expect(firstErrorMessage({ queue_id: { message: 'Required', type: 'too_small' } })).toBe('Required');
    expect(firstErrorMessage([undefined, { destination: { number: { message: 'Bad number' } } }])).toBe('Bad number');
    expect(firstErrorMessage(undefined)).toBeUndefined();
  });
});
