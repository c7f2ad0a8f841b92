'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { loginSchema, type LoginInput } from '@switchboard/contracts';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage, isApiError } from '@/lib/api/errors';
import { signOutReasonFrom, useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';
import { useRegistrationStatus } from '../queries';
import { TotpStep } from './totp-step';

type Credentials = Pick<LoginInput, 'email' | 'password'>;
const reasonMessages = {
  session_ended: 'auth.login.sessionEnded',
  account_disabled: 'auth.login.accountDisabled',
  tenant_suspended: 'auth.login.tenantSuspended',
} as const;
const credentialsSchema = loginSchema.pick({ email: true, password: true });

/**
 * Step one: e-mail and password. When the account has 2FA the API answers 401 TOTP_REQUIRED and
 * the form moves on to the code, keeping the credentials to send them again with it.
 */
export function LoginForm() {
  const t = useT();
  const { login } = useAuth();
  const registration = useRegistrationStatus();
  const reason = signOutReasonFrom(useSearchParams().get('reason'));
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Credentials>({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await login(values);
    } catch (error) {
      if (isApiError(error, 'TOTP_REQUIRED')) {
        setCredentials(values);
        return;
      }
      setFormError(errorMessage(error, t));
    }
  });

  if (credentials) {
    return <TotpStep credentials={credentials} onBack={() => setCredentials(null)} />;
  }

  return (
    <AuthCard
      title={t('auth.login.title')}
      description={t('auth.login.description')}
      footer={
        registration.data?.enabled ? (
          <>
            {t('auth.login.noAccount')}{' '}
            <Link href="/register" className="font-medium text-primary hover:underline">
              {t('auth.login.register')}
            </Link>
          </>
        ) : null
      }
    >
      {reason ? (
        <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm text-muted-foreground">
          {t(reasonMessages[reason])}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormField label={t('auth.email')} error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="username"
            autoFocus
            placeholder={t('auth.emailPlaceholder')}
            {...form.register('email')}
          />
        </FormField>
        <div className="grid gap-2">
          <FormField label={t('auth.password')} error={errors.password?.message}>
            <PasswordInput autoComplete="current-password" {...form.register('password')} />
          </FormField>
          <Link
            href="/forgot-password"
            className="justify-self-end text-xs font-medium text-primary hover:underline"
          >
            {t('auth.login.forgot')}
          </Link>
        </div>
        <FormError message={formError} />
        <Button type="submit" loading={isSubmitting} className="w-full">
          {t('auth.login.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
