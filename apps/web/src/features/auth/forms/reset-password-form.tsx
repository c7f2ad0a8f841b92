'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { passwordSchema } from '@switchboard/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { PasswordInput } from '@/components/ui/password-input';
import { api } from '@/lib/api/client';
import { applyFieldErrors, errorMessage } from '@/lib/api/errors';
import { useT, type Translate } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';

function resetFormSchema(t: Translate) {
  return z
    .object({ password: passwordSchema, confirm: z.string() })
    .refine((values) => values.password === values.confirm, {
      path: ['confirm'],
      message: t('auth.reset.mismatch'),
    });
}
type ResetValues = z.input<ReturnType<typeof resetFormSchema>>;

export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useT();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => resetFormSchema(t), [t]);
  const form = useForm<ResetValues>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await api.post('/api/v1/auth/reset-password', { token, password }, { anonymous: true });
      toast.success(t('auth.reset.done'));
      router.push('/login');
    } catch (error) {
      if (!applyFieldErrors(error, form.setError, ['password'])) setFormError(errorMessage(error, t));
    }
  });

  const requestNew = (
    <Link href="/forgot-password" className="font-medium text-primary hover:underline">
      {t('auth.reset.requestNew')}
    </Link>
  );

  if (!token) {
    return (
      <AuthCard title={t('auth.reset.title')} footer={requestNew}>
        <FormError message={t('auth.reset.missingToken')} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')} description={t('auth.reset.description')} footer={requestNew}>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormField label={t('auth.reset.newPassword')} error={errors.password?.message}>
          <PasswordInput autoComplete="new-password" autoFocus {...form.register('password')} />
        </FormField>
        <FormField label={t('auth.reset.confirmPassword')} error={errors.confirm?.message}>
          <PasswordInput autoComplete="new-password" {...form.register('confirm')} />
        </FormField>
        <FormError message={formError} />
        <Button type="submit" loading={isSubmitting} className="w-full">
          {t('auth.reset.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
