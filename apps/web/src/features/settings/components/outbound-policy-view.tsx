'use client';

import type { OutboundPolicyResponse } from '@switchboard/contracts';
import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { FormError, FormField } from '@/components/ui/form-field';
import { Skeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { outboundFormValues, parseOutboundForm, type OutboundFormValues } from '../outbound-input';
import { useOutboundPolicy, useUpdateOutboundPolicy } from '../queries';

/** Settings → Outbound calls: the tenant's outbound calling policy (issue 16.6). */
export function OutboundPolicyView() {
  const policy = useOutboundPolicy();
  if (policy.isPending) {
    return (
      <div className="grid gap-6" aria-busy="true">
        <Skeleton className="h-64" />
        <Skeleton className="h-48" />
      </div>
    );
  }
  if (policy.error) {
    return <ErrorState error={policy.error} onRetry={() => void policy.refetch()} retrying={policy.isRefetching} />;
  }
  return <OutboundPolicyForm policy={policy.data} />;
}

const textFields = ['home_prefixes', 'allowed_prefixes', 'blocked_prefixes'] as const;

function OutboundPolicyForm({ policy }: { policy: OutboundPolicyResponse }) {
  const t = useT();
  const canWrite = usePermission('tenant.write');
  const update = useUpdateOutboundPolicy();
  const [values, setValues] = useState<OutboundFormValues>(() => outboundFormValues(policy));
  const [errors, setErrors] = useState<Partial<Record<keyof OutboundFormValues, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const disabled = !canWrite || update.isPending;

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = parseOutboundForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    try {
      const saved = await update.mutateAsync(parsed.input);
      setValues(outboundFormValues(saved));
      toast.success(t('settings.outbound.savedToast'));
    } catch (error) {
      setFormError(errorMessage(error, t));
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t('settings.outbound.title')}</CardTitle>
          <CardDescription>
            {canWrite ? t('settings.outbound.description') : t('settings.organisation.readOnly')}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-4 md:grid-cols-3">
          {textFields.map((field) => (
            <FormField
              key={field}
              label={t(`settings.outbound.${field}`)}
              description={t(`settings.outbound.${field}Hint`)}
              error={errors[field]}
            >
              <Textarea
                rows={5}
                disabled={disabled}
                className="font-mono"
                placeholder="+49"
                value={values[field]}
                onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              />
            </FormField>
          ))}
          <label className="flex items-center gap-3 text-sm md:col-span-3">
            <Switch
              checked={values.block_premium_ranges}
              disabled={disabled}
              onCheckedChange={(checked) => setValues((v) => ({ ...v, block_premium_ranges: checked }))}
            />
            {t('settings.outbound.blockPremium')}
          </label>
          <FormError message={formError} />
        </CardContent>
        {canWrite ? (
          <CardFooter className="justify-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </CardFooter>
        ) : null}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('settings.outbound.premiumTitle')}</CardTitle>
          <CardDescription>{t('settings.outbound.premiumDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          {policy.premium_ranges.length === 0 ? (
            <EmptyState icon={ShieldAlert} title={t('settings.outbound.premiumEmpty')} />
          ) : (
            <ul className="grid gap-2 text-sm md:grid-cols-2">
              {policy.premium_ranges.map((r) => (
                <li key={r.prefix} className="flex items-center gap-2">
                  <Badge variant="secondary" className="font-mono">
                    {r.prefix}
                  </Badge>
                  <span className="text-muted-foreground">{r.label}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </form>
  );
}
