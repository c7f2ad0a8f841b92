'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { updateOwnTenantSchema, weekdays, type Tenant } from '@switchboard/contracts';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { TimeZoneSelect } from '@/features/tenants/components/timezone-select';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT, type Translate } from '@/lib/i18n';
import { useOwnTenantSettings, useUpdateOwnTenant } from '../queries';
import { BusinessHoursEditor } from './business-hours-editor';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof updateOwnTenantSchema>;
type Parsed = z.output<typeof updateOwnTenantSchema>;

/** The contract's schema, plus the one rule it leaves to the editor: an interval closes after it opens. */
function settingsSchema(t: Translate) {
  return updateOwnTenantSchema.superRefine((value, ctx) => {
    const hours = value.settings?.business_hours;
    if (!hours) return;
    for (const day of weekdays) {
      hours[day].forEach((interval, index) => {
        if (interval.close <= interval.open) {
          ctx.addIssue({
            code: 'custom',
            path: ['settings', 'business_hours', day, index, 'close'],
            message: t('settings.hours.closeAfterOpen'),
          });
        }
      });
    }
  });
}

export function TenantSettingsView() {
  const tenant = useOwnTenantSettings();
  if (tenant.isPending) {
    return (
      <div className="grid gap-6" aria-busy="true">
        <Skeleton className="h-48" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (tenant.error) {
    return (
      <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} retrying={tenant.isRefetching} />
    );
  }
  return <TenantSettingsForm tenant={tenant.data} />;
}

function TenantSettingsForm({ tenant }: { tenant: Tenant }) {
  const t = useT();
  const canWrite = usePermission('tenant.write');
  const update = useUpdateOwnTenant();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => settingsSchema(t), [t]);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    values: {
      name: tenant.name,
      timezone: tenant.timezone,
      settings: {
        business_hours: tenant.settings.business_hours,
        short_abandon_seconds: tenant.settings.short_abandon_seconds,
      },
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const disabled = !canWrite || isSubmitting;
  const hourErrors = errors.settings?.business_hours;
  const dayErrors = Object.fromEntries(
    weekdays.map((day) => {
      const list = hourErrors?.[day];
      const first = Array.isArray(list) ? list.find(Boolean) : undefined;
      return [day, first?.close?.message ?? first?.open?.message ?? list?.message];
    }),
  );

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(values);
      toast.success(t('settings.organisation.savedToast'));
    } catch (error) {
      const names = ['name', 'timezone', 'settings.short_abandon_seconds'];
      if (!applyServerFieldErrors(error, form.setError, names)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t('settings.organisation.profileTitle')}</CardTitle>
          <CardDescription>
            {canWrite ? t('settings.organisation.profileDescription') : t('settings.organisation.readOnly')}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-4 md:grid-cols-2">
          <FormField label={t('settings.organisation.name')} error={errors.name?.message} required>
            <Input disabled={disabled} {...form.register('name')} />
          </FormField>
          <FormField label={t('settings.organisation.timezone')} error={errors.timezone?.message}>
            {(control) => (
              <Controller
                control={form.control}
                name="timezone"
                render={({ field }) => (
                  <TimeZoneSelect
                    control={control}
                    value={field.value}
                    onChange={field.onChange}
                    disabled={disabled}
                  />
                )}
              />
            )}
          </FormField>
          <FormField
            label={t('settings.organisation.shortAbandon')}
            description={t('settings.organisation.shortAbandonHint')}
            error={errors.settings?.short_abandon_seconds?.message}
          >
            <Input
              type="number"
              min={0}
              max={120}
              disabled={disabled}
              className="w-32 tabular-nums"
              {...form.register('settings.short_abandon_seconds', { valueAsNumber: true })}
            />
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('settings.hours.title')}</CardTitle>
          <CardDescription>
            {t('settings.hours.description', { zone: form.watch('timezone') ?? '' })}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Controller
            control={form.control}
            name="settings.business_hours"
            render={({ field }) =>
              field.value ? (
                <BusinessHoursEditor
                  value={field.value}
                  onChange={field.onChange}
                  errors={dayErrors}
                  disabled={disabled}
                />
              ) : (
                <span />
              )
            }
          />
          <FormError message={formError} />
        </CardContent>
        {canWrite ? (
          <CardFooter className="justify-end">
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              {t('common.save')}
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
