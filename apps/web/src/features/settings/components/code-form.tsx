'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { totpCodeSchema } from '@switchboard/contracts';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof totpCodeSchema>;

type CodeFormProps = {
  label: string;
  submitLabel: ReactNode;
  onSubmit: (code: string) => Promise<unknown>;
};

/** One authenticator code, sent to the API; a wrong code shows the API's message on the field. */
export function CodeForm({ label, submitLabel, onSubmit }: CodeFormProps) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(totpCodeSchema), defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ code }) => {
    setFormError(null);
    try {
      await onSubmit(code.trim());
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, ['code'])) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 sm:max-w-sm">
      <FormField label={label} error={errors.code?.message}>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123456"
          disabled={isSubmitting}
          className="font-mono tracking-widest"
          {...form.register('code')}
        />
      </FormField>
      <FormError message={formError} />
      <Button type="submit" loading={isSubmitting} className="w-fit">
        {submitLabel}
      </Button>
    </form>
  );
}
