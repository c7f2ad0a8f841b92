'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { trunkKinds, trunkTransports, type Trunk } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PasswordInput } from '@/components/ui/password-input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { FormSection } from '@/features/destinations/components/form-section';
import { NullableTextInput } from '@/features/destinations/components/nullable-inputs';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { ValueListEditor } from '@/features/destinations/components/value-list-editor';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { CodecPicker } from '@/features/endpoints/components/codec-picker';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { DialRulesEditor } from '../components/dial-rules-editor';
import { trunkFormFields, trunkFormSchema, trunkValues, newTrunkValues, type TrunkFormInput, type TrunkFormValues } from './trunk-form-values';

type TrunkFormProps = {
  trunk?: Trunk;
  readOnly?: boolean;
  saving: boolean;
  submitLabel: string;
  onSubmit: (values: TrunkFormValues) => Promise<unknown>;
};

export function TrunkForm({ trunk, readOnly, saving, submitLabel, onSubmit }: TrunkFormProps) {
  const t = useT();
  const user = useSession();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TrunkFormInput, unknown, TrunkFormValues>({
    resolver: zodResolver(trunkFormSchema),
    defaultValues: trunk ? { ...trunkValues(trunk), shared: user.platform_admin ? trunk.shared : undefined } : newTrunkValues(),
  });
  const { errors } = form.formState;
  const disabled = readOnly || saving;
  const kind = form.watch('kind');

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
      form.resetField('password', { defaultValue: undefined });
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, trunkFormFields)) setFormError(errorMessage(error, t));
    }
  });

  const select = <T extends string>(name: 'kind' | 'transport', values: readonly T[], label: (value: T) => string, fieldLabel: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormField label={fieldLabel} error={errors[name]?.message}>
          {(control) => (
            <Select value={field.value} onValueChange={field.onChange} disabled={disabled}>
              <SelectTrigger {...control}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {values.map((value) => (
                  <SelectItem key={value} value={value}>
                    {label(value)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
      )}
    />
  );
  const nullableText = (name: 'username' | 'from_domain' | 'outbound_caller_id', label: string, hint?: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormField label={label} error={errors[name]?.message} description={hint}>
          <NullableTextInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" disabled={disabled} />
        </FormField>
      )}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormSection title={t('trunks.sections.general')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('trunks.fields.name')} error={errors.name?.message} required>
            <Input autoComplete="off" disabled={disabled} {...form.register('name')} />
          </FormField>
          {select('kind', trunkKinds, (value) => t(value === 'registration' ? 'trunks.kinds.registration' : 'trunks.kinds.ip'), t('trunks.fields.kind'))}
        </div>
        <p className="text-sm text-muted-foreground">{kind === 'ip' ? t('trunks.kindHints.ip') : t('trunks.kindHints.registration')}</p>
        <Controller
          control={form.control}
          name="enabled"
          render={({ field }) => (
            <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('trunks.fields.enabled')} hint={t('trunks.hints.enabled')} disabled={disabled} />
          )}
        />
        {user.platform_admin ? (
          <Controller
            control={form.control}
            name="shared"
            render={({ field }) => (
              <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('trunks.fields.shared')} hint={t('trunks.hints.shared')} disabled={disabled} />
            )}
          />
        ) : null}
      </FormSection>

      <FormSection title={t('trunks.sections.connection')}>
        <div className="grid items-start gap-4 sm:grid-cols-[1fr_8rem_10rem]">
          <FormField label={t('trunks.fields.host')} error={errors.host?.message} description={t('trunks.hints.host')} required>
            <Input autoComplete="off" placeholder="sip.carrier.example" disabled={disabled} {...form.register('host')} />
          </FormField>
          <FormField label={t('trunks.fields.port')} error={errors.port?.message}>
            <Input type="number" min={1} max={65535} disabled={disabled} {...form.register('port', { valueAsNumber: true })} />
          </FormField>
          {select('transport', trunkTransports, (value) => value.toUpperCase(), t('trunks.fields.transport'))}
        </div>
        {nullableText('from_domain', t('trunks.fields.fromDomain'), t('trunks.hints.fromDomain'))}
        {kind === 'registration' ? (
          <div className="grid items-start gap-4 sm:grid-cols-2">
            {nullableText('username', t('trunks.fields.username'))}
            <Controller
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormField
                  label={t('trunks.fields.password')}
                  error={errors.password?.message}
                  description={trunk?.has_password ? t('trunks.hints.passwordStored') : t('trunks.hints.password')}
                >
                  <PasswordInput
                    value={field.value ?? ''}
                    onChange={(event) => field.onChange(event.target.value === '' ? undefined : event.target.value)}
                    onBlur={field.onBlur}
                    autoComplete="new-password"
                    placeholder={trunk?.has_password ? '••••••••' : undefined}
                    disabled={disabled}
                  />
                </FormField>
              )}
            />
          </div>
        ) : (
          <Controller
            control={form.control}
            name="match_ips"
            render={({ field }) => (
              <FormField label={t('trunks.fields.matchIps')} error={firstErrorMessage(errors.match_ips)} description={t('trunks.hints.matchIps')}>
                {() => (
                  <ValueListEditor
                    value={field.value ?? []}
                    onChange={field.onChange}
                    disabled={disabled}
                    invalid={Boolean(errors.match_ips)}
                    inputLabel={t('trunks.fields.matchAddress')}
                    placeholder="203.0.113.0/24"
                    emptyText={t('trunks.hints.matchIpsEmpty')}
                  />
                )}
              </FormField>
            )}
          />
        )}
      </FormSection>

      <FormSection title={t('trunks.sections.outbound')}>
        {nullableText('outbound_caller_id', t('trunks.fields.outboundCallerId'), t('trunks.hints.outboundCallerId'))}
        <Controller
          control={form.control}
          name="codecs"
          render={({ field }) => (
            <FormField label={t('endpoints.fields.codecs')} error={firstErrorMessage(errors.codecs)} description={t('endpoints.hints.codecs')}>
              {(control) => <CodecPicker value={field.value ?? []} onChange={field.onChange} control={control} disabled={disabled} />}
            </FormField>
          )}
        />
      </FormSection>

      <FormSection title={t('trunks.sections.rules')} description={t('trunks.sections.rulesHint')}>
        <DialRulesEditor form={form} disabled={disabled} />
      </FormSection>

      <FormError message={formError} />
      {readOnly ? null : (
        <div className="flex justify-end">
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
