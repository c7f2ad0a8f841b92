import { zodResolver } from '@hookform/resolvers/zod';
import { createPauseReasonSchema, createRoleSchema, updateProfileSchema } from '@switchboard/contracts';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { didFormSchema, newDidValues } from '@/features/dids/forms/did-form-values';
import { ivrFormSchema, newIvrValues } from '@/features/ivr/forms/ivr-form-values';
import { newQueueValues, queueFormSchema } from '@/features/queues/forms/queue-form-values';
import { newTrunkValues, trunkFormSchema } from '@/features/trunks/forms/trunk-form-values';
import { ApiError } from '@/lib/api/errors';

/**
 * The forms validate with the contracts' schemas, so the text rule (RELIABILITY I1) shows on the
 * field before anything is sent, and the API's 400 for the same field lands on it too.
 */
const HOSTILE = ['bad\ud800x', 'Q\u0000null', 'a\u0007\u001bb', 'abc\u202Egnp.exe', '\u200b\u200c'];

async function resolve(schema: Parameters<typeof zodResolver>[0], values: FieldValues) {
  const resolver = zodResolver(schema) as unknown as Resolver<FieldValues>;
  return resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });
}

const forms: [string, Parameters<typeof zodResolver>[0], () => FieldValues, string][] = [
  ['queue', queueFormSchema, () => ({ ...newQueueValues(), name: 'Support' }), 'name'],
  ['pause reason', createPauseReasonSchema, () => ({ name: 'Lunch', code: 'lunch', paid: false, max_minutes: null, enabled: true }), 'name'],
  ['role', createRoleSchema, () => ({ name: 'Leads', description: null, permissions: [] }), 'name'],
  ['role description', createRoleSchema, () => ({ name: 'Leads', description: 'Team\nleads', permissions: [] }), 'description'],
  ['profile', updateProfileSchema, () => ({ name: 'Ada' }), 'name'],
  ['IVR menu', ivrFormSchema, () => ({ ...newIvrValues(), name: 'Main menu' }), 'name'],
  ['trunk', trunkFormSchema, () => ({ ...newTrunkValues(), name: 'Carrier' }), 'name'],
  ['DID', didFormSchema, () => ({ ...newDidValues(), number: '+4930123456', description: 'Main\nline' }), 'description'],
];

describe('the text rule in the web forms', () => {
  it.each(forms)('the %s form accepts its ordinary values for the field', async (_form, schema, values, field) => {
    const { errors } = await resolve(schema, values());
    expect((errors as FieldErrors)[field]).toBeUndefined();
  });

  it.each(forms)('the %s form shows an error on the field for hostile text', async (_form, schema, values, field) => {
    for (const value of HOSTILE) {
      const { errors } = await resolve(schema, { ...values(), [field]: value });
      expect(firstErrorMessage((errors as FieldErrors)[field]), JSON.stringify(value)).toEqual(expect.any(String));
    }
  });

  it("puts the API's 400 for a name on the form field", () => {
    const setError = vi.fn();
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'body.name: Must not contain bidirectional override characters',
      details: { fields: [{ path: 'body.name', message: 'Must not contain bidirectional override characters' }] },
    });
    expect(applyServerFieldErrors(error, setError, ['name', 'code'])).toBe(true);
    expect(setError).toHaveBeenCalledWith('name', {
      type: 'server',
      message: 'Must not contain bidirectional override characters',
    });
  });
});
