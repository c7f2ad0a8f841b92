'use client';

import type { ComponentProps } from 'react';
import { Input } from '@/components/ui/input';

type NullableTextInputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
};

/** Optional text the API stores as null: an emptied field sends null, not an empty string. */
export function NullableTextInput({ value, onChange, ...props }: NullableTextInputProps) {
  return (
    <Input {...props} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)} />
  );
}

type NullableNumberInputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type'> & {
  value: number | null | undefined;
  onChange: (value: number | null) => void;
};

/** A whole number where empty means "no limit" (null). */
export function NullableNumberInput({ value, onChange, ...props }: NullableNumberInputProps) {
  return (
    <Input
      {...props}
      type="number"
      inputMode="numeric"
      value={value ?? ''}
      onChange={(event) => {
        const raw = event.target.value;
        onChange(raw === '' ? null : Number(raw));
      }}
    />
  );
}
