'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { updateUserSchema, type User } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useUpdateUser } from '../queries';
import { LocaleSelect } from './locale-select';
import { applyServerFieldErrors } from '../server-errors';

type Values = z.input<typeof updateUserSchema>;
type Parsed = z.output<typeof updateUserSchema>;
const fieldNames = ['name', 'email', 'locale'] as const;

export function UserProfileForm({ user, canWrite, isSelf }: { user: User; canWrite: boolean; isSelf: boolean }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(updateUserSchema),
    values: { name: user.name, email: user.email, locale: user.locale },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const disabled = !canWrite || isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(values);
      toast.success(t('users.savedToast'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fieldNames)) {
        const message = errorMessage(error, t);
        setFormError(message);
        toast.error(message);
      }
    }
  });

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardHeader>
          <CardTitle>{t('users.profileTitle')}</CardTitle>
          <CardDescription>{t('users.profileDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('users.fields.name')} error={errors.name?.message} required>
            <Input disabled={disabled} {...form.register('name')} />
          </FormField>
          <FormField
            label={t('users.fields.email')}
            description={isSelf ? t('users.ownEmailHint') : t('users.emailChangeHint')}
            error={errors.email?.message}
            required
          >
            <Input type="email" disabled={disabled || isSelf} {...form.register('email')} />
          </FormField>
          <FormField label={t('users.fields.locale')} error={errors.locale?.message}>
            {(control) => (
              <Controller
                control={form.control}
                name="locale"
                render={({ field }) => (
                  <LocaleSelect
                    control={control}
                    value={field.value}
                    onChange={field.onChange}
                    disabled={disabled}
                  />
                )}
              />
            )}
          </FormField>
          <FormError message={formError} className="sm:col-span-2" />
        </CardContent>
        {canWrite ? (
          <CardFooter className="justify-end">
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              {t('common.save')}
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
