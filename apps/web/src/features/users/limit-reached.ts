import { limitKeys, type LimitKey } from '@switchboard/contracts';
import { isApiError } from '@/lib/api/errors';
import type { Translate } from '@/lib/i18n';

type LimitDetails = { limit: LimitKey; max: number; used: number };

function limitDetails(details: unknown): LimitDetails | null {
  const value = details as Partial<LimitDetails> | null | undefined;
  if (!value || !limitKeys.includes(value.limit as LimitKey)) return null;
  if (typeof value.max !== 'number' || typeof value.used !== 'number') return null;
  return value as LimitDetails;
}

/**
 * A LIMIT_REACHED answer as a sentence that names the limit and the figures ("Users: 5 of 5 used"),
 * so an admin knows what to remove or which limit to ask the operator to raise. Null for any
 * other error.
 */
export function limitReachedMessage(error: unknown, t: Translate): string | null {
  if (!isApiError(error, 'LIMIT_REACHED')) return null;
  const details = limitDetails(error.details);
  if (!details) return error.message;
  return t('users.limitReached', {
    limit: t(`limits.${details.limit}`),
    used: details.used,
    max: details.max,
  });
}
