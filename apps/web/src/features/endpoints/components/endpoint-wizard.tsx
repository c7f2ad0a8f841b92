'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { EndpointDetail, EndpointKind } from '@switchboard/contracts';
import { Globe, Phone, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { applyServerFieldErrors } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useFeature } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { EndpointFields } from '../forms/endpoint-fields';
import {
  endpointFormFields,
  endpointFormSchema,
  newEndpointValues,
  type EndpointFormInput,
  type EndpointFormValues,
} from '../forms/endpoint-form-values';
import { useCreateEndpoint } from '../queries';
import { SipSettingsCard } from './sip-settings-card';
import { WizardSteps } from './wizard-steps';

/** Kind → details → the SIP settings to type into the phone. */
export function EndpointWizard() {
  const t = useT();
  useBreadcrumbs([{ label: t('endpoints.new') }]);
  const [kind, setKind] = useState<EndpointKind | null>(null);
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [created, setCreated] = useState<EndpointDetail | null>(null);

  const restart = () => {
    setCreated(null);
    setKind(null);
    setStep(1);
  };

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6">
      <PageHeader title={t('endpoints.wizard.title')} description={t('endpoints.wizard.description')} className="pb-0" />
      <WizardSteps
        current={step}
        steps={[t('endpoints.wizard.stepKind'), t('endpoints.wizard.stepDetails'), t('endpoints.wizard.stepSettings')]}
      />
      {step === 1 ? (
        <KindStep
          kind={kind}
          onKind={setKind}
          onNext={() => setStep(2)}
        />
      ) : null}
      {step === 2 && kind ? (
        <DetailsStep
          kind={kind}
          onBack={() => setStep(1)}
          onCreated={(endpoint) => {
            setCreated(endpoint);
            setStep(3);
          }}
        />
      ) : null}
      {step === 3 && created ? (
        <div className="grid gap-4">
          <SipSettingsCard endpointId={created.id} settings={created.sip_settings} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="outline" onClick={restart}>
              {t('endpoints.wizard.another')}
            </Button>
            <Button asChild>
              <Link href={`/endpoints/${created.id}`}>{t('endpoints.wizard.open')}</Link>
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function KindStep({
  kind,
  onKind,
  onNext,
}: {
  kind: EndpointKind | null;
  onKind: (kind: EndpointKind) => void;
  onNext: () => void;
}) {
  const t = useT();
  const webrtcAllowed = useFeature('webrtc');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('endpoints.wizard.kindTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        <div role="radiogroup" aria-label={t('endpoints.fields.kind')} className="grid gap-3 sm:grid-cols-2">
          <KindOption
            icon={Phone}
            title={t('endpoints.kinds.sip')}
            description={t('endpoints.wizard.sipDescription')}
            selected={kind === 'sip'}
            onSelect={() => onKind('sip')}
          />
          <KindOption
            icon={Globe}
            title={t('endpoints.kinds.webrtc')}
            description={
              webrtcAllowed ? t('endpoints.wizard.webrtcDescription') : t('endpoints.wizard.webrtcUnavailable')
            }
            selected={kind === 'webrtc'}
            disabled={!webrtcAllowed}
            onSelect={() => onKind('webrtc')}
          />
        </div>
      </CardContent>
      <CardFooter className="justify-end">
        <Button onClick={onNext} disabled={!kind}>
          {t('common.continue')}
        </Button>
      </CardFooter>
    </Card>
  );
}

function KindOption({
  icon: Icon,
  title,
  description,
  selected,
  disabled,
  onSelect,
}: {
  icon: LucideIcon;
  title: string;
  description: string;
  selected: boolean;
  disabled?: boolean;
  onSelect: () => void;
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      disabled={disabled}
      onClick={onSelect}
      className={cn(
        'flex items-start gap-3 rounded-lg border p-4 text-left transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60',
        selected ? 'border-primary bg-primary/5' : 'hover:bg-accent',
      )}
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-muted">
        <Icon className="size-4" aria-hidden="true" />
      </span>
      <span className="grid gap-1">
        <span className="font-medium">{title}</span>
        <span className="text-sm text-muted-foreground">{description}</span>
      </span>
    </button>
  );
}

function DetailsStep({
  kind,
  onBack,
  onCreated,
}: {
  kind: EndpointKind;
  onBack: () => void;
  onCreated: (endpoint: EndpointDetail) => void;
}) {
  const t = useT();
  const create = useCreateEndpoint();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EndpointFormInput, unknown, EndpointFormValues>({
    resolver: zodResolver(endpointFormSchema),
    defaultValues: newEndpointValues(kind),
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const endpoint = await create.mutateAsync(values);
      toast.success(t('endpoints.created', { extension: endpoint.extension }));
      onCreated(endpoint);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, endpointFormFields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader>
          <CardTitle>{t('endpoints.wizard.detailsTitle')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <EndpointFields form={form} disabled={create.isPending} />
          <FormError message={formError} />
        </CardContent>
        <CardFooter className="justify-between">
          <Button type="button" variant="outline" onClick={onBack} disabled={create.isPending}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('endpoints.wizard.create')}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
