'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { registerResponseSchema, registerSchema } from '@switchboard/contracts';
import { MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PasswordInput } from '@/components/ui/password-input';
import { Spinner } from '@/components/ui/spinner';
import { api } from '@/lib/api/client';
import { applyFieldErrors, errorMessage, isApiError } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';
import { useRegistrationStatus } from '../queries';

type RegisterValues = z.input<typeof registerSchema>;
const fieldNames = ['company_name', 'slug', 'name', 'email', 'password'] as const;

function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

export function RegisterForm() {
  const t = useT();
  const registration = useRegistrationStatus();
  const [accepted, setAccepted] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { company_name: '', slug: '', name: '', email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const answer = await api.post(
        '/api/v1/auth/register',
        { ...values, timezone },
        { anonymous: true, schema: registerResponseSchema },
      );
      setAccepted(answer.message);
    } catch (error) {
      if (isApiError(error, 'SELF_REGISTRATION_DISABLED')) {
        setClosed(error.message);
        return;
      }
      if (!applyFieldErrors(error, form.setError, fieldNames)) setFormError(errorMessage(error, t));
    }
  });

  if (accepted !== null) {
    return (
      <AuthCard title={t('auth.register.created')}>
        <div className="flex flex-col items-center gap-3 text-center" role="status">
          <div className="flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary">
            <MailCheck className="size-5" aria-hidden="true" />
          </div>
          <p className="text-sm text-muted-foreground">{accepted}</p>
        </div>
        <Button asChild variant="outline" className="w-full">
          <Link href="/login">{t('auth.register.login')}</Link>
        </Button>
      </AuthCard>
    );
  }

  if (registration.isPending) {
    return (
      <AuthCard title={t('auth.register.title')}>
        <div className="flex justify-center py-6">
          <Spinner className="size-5 text-muted-foreground" label={t('common.loading')} />
        </div>
      </AuthCard>
    );
  }

  // The API refuses sign-ups when closed anyway; if asking failed, the form answers with that.
  if (closed !== null || registration.data?.enabled === false) {
    return (
      <AuthCard
        title={t('auth.register.unavailableTitle')}
        description={t('auth.register.unavailableDescription')}
      >
        <Button asChild variant="outline" className="w-full">
          <Link href="/login">{t('auth.login.backToLogin')}</Link>
        </Button>
      </AuthCard>
    );
  }

  const companyField = form.register('company_name', {
    onChange: (event: { target: { value: string } }) => {
      if (!slugEdited) form.setValue('slug', slugify(event.target.value));
    },
  });
  const slugField = form.register('slug', { onChange: () => setSlugEdited(true) });

  return (
    <AuthCard
      title={t('auth.register.title')}
      description={t('auth.register.description')}
      footer={
        <>
          {t('auth.register.haveAccount')}{' '}
          <Link href="/login" className="font-medium text-primary hover:underline">
            {t('auth.register.login')}
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormField label={t('auth.register.companyName')} error={errors.company_name?.message}>
          <Input autoComplete="organization" autoFocus {...companyField} />
        </FormField>
        <FormField
          label={t('auth.register.slug')}
          description={t('auth.register.slugHint')}
          error={errors.slug?.message}
        >
          <Input autoComplete="off" spellCheck={false} className="font-mono" {...slugField} />
        </FormField>
        <FormField label={t('auth.register.name')} error={errors.name?.message}>
          <Input autoComplete="name" {...form.register('name')} />
        </FormField>
        <FormField label={t('auth.email')} error={errors.email?.message}>
          <Input
            type="email"
            autoComplete="email"
            placeholder={t('auth.emailPlaceholder')}
            {...form.register('email')}
          />
        </FormField>
        <FormField
          label={t('auth.password')}
          description={t('auth.register.passwordHint')}
          error={errors.password?.message}
        >
          <PasswordInput autoComplete="new-password" {...form.register('password')} />
        </FormField>
        <FormError message={formError} />
        <Button type="submit" loading={isSubmitting} className="w-full">
          {t('auth.register.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
