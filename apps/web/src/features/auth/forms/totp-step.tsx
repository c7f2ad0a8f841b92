'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { totpCodeSchema, type LoginInput } from '@switchboard/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage, isApiError } from '@/lib/api/errors';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';

type TotpStepProps = { credentials: Pick<LoginInput, 'email' | 'password'>; onBack: () => void };
type CodeValues = z.input<typeof totpCodeSchema>;

/** Step two: a code from the authenticator app, or one of the saved recovery codes. */
export function TotpStep({ credentials, onBack }: TotpStepProps) {
  const t = useT();
  const { login } = useAuth();
  const [recovery, setRecovery] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CodeValues>({ resolver: zodResolver(totpCodeSchema), defaultValues: { code: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ code }) => {
    setFormError(null);
    try {
      await login({ ...credentials, totp_code: code.replace(/\s+/g, '') });
    } catch (error) {
      if (isApiError(error, 'TOTP_INVALID')) {
        form.setError('code', { type: 'server', message: error.message });
        form.setFocus('code');
        return;
      }
      setFormError(errorMessage(error, t));
    }
  });

  const toggleMode = () => {
    setRecovery((value) => !value);
    form.reset({ code: '' });
    setFormError(null);
  };

  return (
    <AuthCard
      title={t('auth.login.totpTitle')}
      description={recovery ? t('auth.login.recoveryDescription') : t('auth.login.totpDescription')}
      footer={
        <button type="button" onClick={onBack} className="font-medium text-primary hover:underline">
          {t('auth.login.backToLogin')}
        </button>
      }
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormField
          key={recovery ? 'recovery' : 'totp'}
          label={recovery ? t('auth.login.recoveryCode') : t('auth.login.totpCode')}
          error={errors.code?.message}
        >
          {recovery ? (
            <Input
              autoComplete="off"
              autoFocus
              spellCheck={false}
              className="font-mono"
              {...form.register('code')}
            />
          ) : (
            <Input
              autoComplete="one-time-code"
              inputMode="numeric"
              autoFocus
              maxLength={8}
              placeholder="123456"
              className="text-center font-mono text-lg tracking-[0.4em]"
              {...form.register('code')}
            />
          )}
        </FormField>
        <FormError message={formError} />
        <Button type="submit" loading={isSubmitting} className="w-full">
          {t('auth.login.verify')}
        </Button>
        <Button type="button" variant="link" size="sm" onClick={toggleMode}>
          {recovery ? t('auth.login.useTotp') : t('auth.login.useRecovery')}
        </Button>
      </form>
    </AuthCard>
  );
}
