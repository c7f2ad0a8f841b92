import { isApiError } from '@/lib/api/errors';

type SetError = (name: never, error: { type: string; message: string }) => void;

/**
 * Puts the API's field errors on the form: 400 VALIDATION_FAILED and also 409 ALREADY_EXISTS,
 * which names its field the same way ("body.email: already in use"). True when a field took one,
 * so the caller shows no second, form-level message.
 */
export function applyServerFieldErrors(
  error: unknown,
  setError: SetError,
  knownFields: readonly string[],
): boolean {
  if (!isApiError(error)) return false;
  let applied = false;
  for (const field of error.fields) {
    const name = field.path.replace(/^(body|query|params)\./, '');
    if (knownFields.includes(name)) {
      setError(name as never, { type: 'server', message: field.message });
      applied = true;
    }
  }
  return applied;
}
