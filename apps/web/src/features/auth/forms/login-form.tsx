'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { loginSchema, type LoginInput } from '@switchboard/contracts';
import { MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage } from '@/lib/api/errors';
import { signOutReasonFrom, useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';
import { loginOutcome } from '../login-outcome';
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
 * the form moves on to the code, keeping the credentials to send them again with it. When the
 * account is under a guessing attack and has no 2FA, it answers SIGN_IN_LINK_SENT: the password
 * alone is not enough and the form says a one-time sign-in link was e-mailed.
 */
export function LoginForm() {
  const t = useT();
  const { login } = useAuth();
  const registration = useRegistrationStatus();
  const reason = signOutReasonFrom(useSearchParams().get('reason'));
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [linkSent, setLinkSent] = useState(false);
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
      const outcome = loginOutcome(error);
      if (outcome === 'totp') setCredentials(values);
      else if (outcome === 'link_sent') setLinkSent(true);
      else setFormError(errorMessage(error, t));
    }
  });

  if (credentials) {
    return <TotpStep credentials={credentials} onBack={() => setCredentials(null)} />;
  }

  if (linkSent) {
    return (
      <AuthCard
        title={t('auth.login.linkSentTitle')}
        footer={
          <button
            type="button"
            className="font-medium text-primary hover:underline"
            onClick={() => {
              form.resetField('password');
              setLinkSent(false);
            }}
          >
            {t('auth.login.backToLogin')}
          </button>
        }
      >
        <div className="flex flex-col items-center gap-3 text-center" role="status">
          <div className="flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary">
            <MailCheck className="size-5" aria-hidden="true" />
          </div>
          <p className="text-sm text-muted-foreground">{t('auth.login.linkSent')}</p>
        </div>
      </AuthCard>
    );
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
