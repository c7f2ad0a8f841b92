'use client';

import { useMemo } from 'react';
import type { ControlProps } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useLocale } from '@/lib/i18n';

/** Languages a user may pick; dates and numbers follow it, and texts once its messages file exists. */
const locales = ['en', 'en-GB', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'sv'] as const;

type LocaleSelectProps = {
  control?: ControlProps;
  value: string | undefined;
  onChange: (locale: string) => void;
  disabled?: boolean;
};

export function LocaleSelect({ control, value, onChange, disabled }: LocaleSelectProps) {
  const uiLocale = useLocale();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([uiLocale], { type: 'language' });
    const known: string[] = [...locales];
    // A locale set through the API but missing here stays selectable rather than blank.
    if (value && !known.includes(value)) known.push(value);
    return known.map((code) => ({ code, label: names.of(code) ?? code }));
  }, [uiLocale, value]);

  return (
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <SelectTrigger {...control}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.code} value={option.code}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
