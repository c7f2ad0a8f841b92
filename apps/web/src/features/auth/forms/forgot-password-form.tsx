'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { forgotPasswordSchema } from '@switchboard/contracts';
import { MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { api } from '@/lib/api/client';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';

type ForgotValues = z.input<typeof forgotPasswordSchema>;

/** The answer is the same whether or not the e-mail has an account (no enumeration, A3). */
export function ForgotPasswordForm() {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ForgotValues>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await api.post('/api/v1/auth/forgot-password', { email }, { anonymous: true });
      setSentTo(email);
    } catch (error) {
      setFormError(errorMessage(error, t));
    }
  });

  const backLink = (
    <Link href="/login" className="font-medium text-primary hover:underline">
      {t('auth.forgot.backToLogin')}
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard title={t('auth.forgot.sentTitle')} footer={backLink}>
        <div className="flex flex-col items-center gap-3 text-center" role="status">
          <div className="flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary">
            <MailCheck className="size-5" aria-hidden="true" />
          </div>
          <p className="text-sm text-muted-foreground">{t('auth.forgot.sent', { email: sentTo })}</p>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.forgot.title')} description={t('auth.forgot.description')} footer={backLink}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormField label={t('auth.email')} error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="email"
            autoFocus
            placeholder={t('auth.emailPlaceholder')}
            {...form.register('email')}
          />
        </FormField>
        <FormError message={formError} />
        <Button type="submit" loading={isSubmitting} className="w-full">
          {t('auth.forgot.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
