'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { updateTenantSchema, type PlatformTenant } from '@switchboard/contracts';
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
import { useUpdateTenant } from '../queries';
import { TimeZoneSelect } from './timezone-select';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof updateTenantSchema>;
type Parsed = z.output<typeof updateTenantSchema>;
const fieldNames = ['name', 'slug', 'timezone'] as const;

export function TenantProfileForm({ tenant }: { tenant: PlatformTenant }) {
  const t = useT();
  const update = useUpdateTenant(tenant.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(updateTenantSchema),
    values: { name: tenant.name, slug: tenant.slug, timezone: tenant.timezone },
  });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(values);
      toast.success(t('tenants.savedToast'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fieldNames)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardHeader>
          <CardTitle>{t('tenants.profileTitle')}</CardTitle>
          <CardDescription>{t('tenants.profileDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('tenants.fields.name')} error={errors.name?.message} required>
            <Input disabled={isSubmitting} {...form.register('name')} />
          </FormField>
          <FormField
            label={t('tenants.fields.slug')}
            error={errors.slug?.message}
            description={t('tenants.fields.slugHint')}
            required
          >
            <Input disabled={isSubmitting} {...form.register('slug')} />
          </FormField>
          <FormField
            label={t('tenants.fields.timezone')}
            error={errors.timezone?.message}
            className="sm:col-span-2"
          >
            {(control) => (
              <Controller
                control={form.control}
                name="timezone"
                render={({ field }) => (
                  <TimeZoneSelect
                    control={control}
                    value={field.value}
                    onChange={field.onChange}
                    disabled={isSubmitting}
                  />
                )}
              />
            )}
          </FormField>
          <FormError message={formError} className="sm:col-span-2" />
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
