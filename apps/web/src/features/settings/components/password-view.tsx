'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { changePasswordSchema } from '@switchboard/contracts';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError, FormField } from '@/components/ui/form-field';
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage } from '@/lib/api/errors';
import { useT, type Translate } from '@/lib/i18n';
import { useChangePassword } from '../queries';
import { applyServerFieldErrors } from '@/features/users/server-errors';

/** The contract's schema plus a confirmation box that never leaves the browser. */
function passwordFormSchema(t: Translate) {
  return changePasswordSchema
    .extend({ confirm_password: z.string() })
    .refine((value) => value.confirm_password === value.new_password, {
      path: ['confirm_password'],
      message: t('auth.reset.mismatch'),
    });
}

type Values = z.input<ReturnType<typeof passwordFormSchema>>;
const blank: Values = { current_password: '', new_password: '', confirm_password: '' };

export function PasswordView() {
  const t = useT();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => passwordFormSchema(t), [t]);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: blank });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ current_password, new_password }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ current_password, new_password });
      form.reset(blank);
      toast.success(t('settings.password.changedToast'));
    } catch (error) {
      const fields = ['current_password', 'new_password'];
      if (!applyServerFieldErrors(error, form.setError, fields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <Card className="max-w-2xl">
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardHeader>
          <CardTitle>{t('settings.password.title')}</CardTitle>
          <CardDescription>{t('settings.password.description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <FormField label={t('settings.password.current')} error={errors.current_password?.message} required>
            <PasswordInput
              autoComplete="current-password"
              disabled={isSubmitting}
              {...form.register('current_password')}
            />
          </FormField>
          <FormField
            label={t('settings.password.new')}
            description={t('auth.register.passwordHint')}
            error={errors.new_password?.message}
            required
          >
            <PasswordInput
              autoComplete="new-password"
              disabled={isSubmitting}
              {...form.register('new_password')}
            />
          </FormField>
          <FormField label={t('settings.password.confirm')} error={errors.confirm_password?.message} required>
            <PasswordInput
              autoComplete="new-password"
              disabled={isSubmitting}
              {...form.register('confirm_password')}
            />
          </FormField>
          <FormError message={formError} />
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={isSubmitting}>
            {t('settings.password.submit')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
