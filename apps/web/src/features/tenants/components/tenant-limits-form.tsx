'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { limitKeys, type LimitKey, type TenantLimits } from '@switchboard/contracts';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api/errors';
import { useT, type Translate } from '@/lib/i18n';
import { useSetTenantLimits } from '../queries';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = Record<LimitKey, string>;

/** Inputs hold text; an empty box means "no limit" (null on the wire). */
function limitsSchema(t: Translate) {
  const box = z
    .string()
    .trim()
    .regex(/^\d{0,7}$/, t('tenants.limits.invalid'))
    .refine((value) => value === '' || Number(value) <= 1_000_000, t('tenants.limits.tooLarge'));
  return z.object(Object.fromEntries(limitKeys.map((key) => [key, box])) as Record<LimitKey, typeof box>);
}

const toValues = (limits: TenantLimits): Values =>
  Object.fromEntries(
    limitKeys.map((key) => [key, limits[key] === null ? '' : String(limits[key])]),
  ) as Values;

const toLimits = (values: Values): TenantLimits =>
  Object.fromEntries(
    limitKeys.map((key) => [key, values[key].trim() === '' ? null : Number(values[key])]),
  ) as TenantLimits;

export function TenantLimitsForm({ tenantId, limits }: { tenantId: string; limits: TenantLimits }) {
  const t = useT();
  const save = useSetTenantLimits(tenantId);
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => limitsSchema(t), [t]);
  const form = useForm<Values>({ resolver: zodResolver(schema), values: toValues(limits) });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync(toLimits(values));
      toast.success(t('tenants.limits.savedToast'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, limitKeys)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <CardHeader>
          <CardTitle>{t('tenants.limits.title')}</CardTitle>
          <CardDescription>{t('tenants.limits.description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-4 sm:grid-cols-2">
          {limitKeys.map((key) => (
            <FormField key={key} label={t(`limits.${key}`)} error={errors[key]?.message}>
              <Input
                inputMode="numeric"
                placeholder={t('common.unlimited')}
                disabled={isSubmitting}
                className="tabular-nums"
                {...form.register(key)}
              />
            </FormField>
          ))}
          <FormError message={formError} className="sm:col-span-2" />
        </CardContent>
        <CardFooter className="justify-between gap-4">
          <span className="text-xs text-muted-foreground">{t('tenants.limits.emptyHint')}</span>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            {t('tenants.limits.save')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
