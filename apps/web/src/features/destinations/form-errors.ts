import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { applyFieldErrors, isApiError } from '@/lib/api/errors';

/**
 * The API names nested fields (`body.destination.queue_id`, `body.options.2.digit`); react-hook-form
 * takes the same dotted names. Every field error under one of the form's top-level fields is put on
 * the form, so composite controls (destination picker, hours editor) show their own errors.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  roots: readonly string[],
): boolean {
  if (!isApiError(error)) return false;
  const names = error.fields
    .map((field) => field.path.replace(/^(body|query|params)\./, ''))
    .filter((name) => roots.includes(name.split('.')[0] ?? ''));
  return applyFieldErrors(error, setError as never, names);
}

/** The first message anywhere in a react-hook-form error tree (a union's inner field, an array item). */
export function firstErrorMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && message) return message;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref' || key === 'type' || key === 'message') continue;
    const nested = firstErrorMessage(value);
    if (nested) return nested;
  }
  return undefined;
}
