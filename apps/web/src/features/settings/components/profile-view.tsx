'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { updateProfileSchema } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { LocaleSelect } from '@/features/users/components/locale-select';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { profileInput, profileValuesToValidate } from '../profile-input';
import { useUpdateProfile } from '../queries';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof updateProfileSchema>;
type Parsed = z.output<typeof updateProfileSchema>;

export function ProfileView() {
  const t = useT();
  const user = useSession();
  const update = useUpdateProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    // An unchanged address is not a change: only a new one asks for the current password.
    resolver: (values, context, options) =>
      zodResolver(updateProfileSchema)(profileValuesToValidate(values, user.email), context, options),
    values: { name: user.name, locale: user.locale, email: user.email },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  // A new sign-in address needs the current password (the API refuses it otherwise).
  const emailChanging = (form.watch('email') ?? user.email).trim() !== user.email;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(profileInput(values, user.email));
      form.resetField('current_password', { defaultValue: undefined });
      toast.success(t('settings.profile.savedToast'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, ['name', 'locale', 'email', 'current_password']))
        setFormError(errorMessage(error, t));
    }
  });

  return (
    <Card className="max-w-2xl">
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardHeader>
          <CardTitle>{t('settings.profile.title')}</CardTitle>
          <CardDescription>{t('settings.profile.description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <FormField
            label={t('settings.profile.email')}
            description={t('settings.profile.emailHint')}
            error={errors.email?.message}
            required
          >
            <Input type="email" autoComplete="email" disabled={isSubmitting} {...form.register('email')} />
          </FormField>
          {emailChanging ? (
            <FormField
              label={t('settings.profile.currentPassword')}
              description={t('settings.profile.currentPasswordHint')}
              error={errors.current_password?.message}
              required
            >
              <Input
                type="password"
                autoComplete="current-password"
                disabled={isSubmitting}
                {...form.register('current_password', { setValueAs: (v: string) => (v === '' ? undefined : v) })}
              />
            </FormField>
          ) : null}
          <FormField label={t('settings.profile.name')} error={errors.name?.message} required>
            <Input autoComplete="name" disabled={isSubmitting} {...form.register('name')} />
          </FormField>
          <FormField
            label={t('settings.profile.locale')}
            description={t('settings.profile.localeHint')}
            error={errors.locale?.message}
          >
            {(control) => (
              <Controller
                control={form.control}
                name="locale"
                render={({ field }) => (
                  <LocaleSelect
                    control={control}
                    value={field.value}
                    onChange={field.onChange}
                    disabled={isSubmitting}
                  />
                )}
              />
            )}
          </FormField>
          <FormError message={formError} />
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            {t('common.save')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
