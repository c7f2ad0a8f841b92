'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { endpointKinds, type EndpointDetail } from '@switchboard/contracts';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { FormError, FormField } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { applyServerFieldErrors } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useFeature, usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { EndpointFields } from '../forms/endpoint-fields';
import {
  endpointFormFields,
  endpointFormSchema,
  endpointValues,
  type EndpointFormInput,
  type EndpointFormValues,
} from '../forms/endpoint-form-values';
import { useDeleteEndpoint, useEndpoint, useUpdateEndpoint } from '../queries';
import { endpointKindLabelKeys } from './endpoint-kind';
import { RegistrationBadge } from './registration-badge';
import { SipSettingsCard } from './sip-settings-card';

export function EndpointEditView({ id }: { id: string }) {
  const endpoint = useEndpoint(id);
  useBreadcrumbs(endpoint.data ? [{ label: `${endpoint.data.extension} · ${endpoint.data.display_name}` }] : null);

  if (endpoint.isPending) {
    return (
      <div className="grid gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (endpoint.error) {
    return <ErrorState error={endpoint.error} onRetry={() => void endpoint.refetch()} retrying={endpoint.isRefetching} />;
  }
  return <EndpointEditor endpoint={endpoint.data} />;
}

function EndpointEditor({ endpoint }: { endpoint: EndpointDetail }) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('endpoints.write');
  const webrtcAllowed = useFeature('webrtc');
  const update = useUpdateEndpoint(endpoint.id);
  const remove = useDeleteEndpoint();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EndpointFormInput, unknown, EndpointFormValues>({
    resolver: zodResolver(endpointFormSchema),
    values: endpointValues(endpoint),
    resetOptions: { keepDirtyValues: true },
  });
  const disabled = !canWrite || update.isPending;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(values);
      toast.success(t('endpoints.saved'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, endpointFormFields)) setFormError(errorMessage(error, t));
    }
  });

  const onDelete = async () => {
    try {
      await remove.mutateAsync(endpoint.id);
      toast.success(t('endpoints.deleted'));
      router.push('/endpoints');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="grid gap-6">
      <PageHeader
        title={`${endpoint.extension} · ${endpoint.display_name}`}
        description={<RegistrationBadge registration={endpoint.registration} />}
        actions={
          canWrite ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('endpoints.deleteTitle', { extension: endpoint.extension })}
              description={t('endpoints.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form onSubmit={onSubmit} noValidate>
          <Card>
            <CardHeader>
              <CardTitle>{t('endpoints.detailsTitle')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-5">
              <Controller
                control={form.control}
                name="kind"
                render={({ field }) => (
                  <FormField label={t('endpoints.fields.kind')} error={form.formState.errors.kind?.message}>
                    {(control) => (
                      <Select value={field.value} onValueChange={field.onChange} disabled={disabled}>
                        <SelectTrigger {...control}>
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          {endpointKinds.map((kind) => (
                            <SelectItem key={kind} value={kind} disabled={kind === 'webrtc' && !webrtcAllowed}>
                              {t(endpointKindLabelKeys[kind])}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                    )}
                  </FormField>
                )}
              />
              <EndpointFields form={form} disabled={disabled} />
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
        </form>
        <div className="grid content-start gap-6">
          <SipSettingsCard endpointId={endpoint.id} settings={endpoint.sip_settings} />
        </div>
      </div>
    </div>
  );
}
