import { z } from 'zod';
import type { Translate } from '@/lib/i18n';

/**
 * Form errors in the user's language. The contracts' own messages ("At least 12 characters")
 * win; this only replaces zod's generic English ("Too small: expected string to have >=1
 * characters") for the checks that carry none.
 */
export function installZodMessages(t: Translate) {
  z.config({
    customError: (issue) => {
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { min: Number(issue.minimum) });
      }
      if (issue.code === 'too_big' && issue.origin === 'string') {
        return t('validation.tooLong', { max: Number(issue.maximum) });
      }
      if (issue.code === 'invalid_format' && issue.format === 'email') return t('validation.email');
      if (issue.code === 'invalid_type' && issue.input === undefined) return t('validation.required');
      return undefined;
    },
  });
}
