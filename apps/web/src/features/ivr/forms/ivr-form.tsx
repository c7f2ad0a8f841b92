'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { IvrMenu } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { DestinationPicker } from '@/features/destinations/components/destination-picker';
import { FormSection } from '@/features/destinations/components/form-section';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { DigitOptionsEditor } from '../components/digit-options-editor';
import { GreetingField } from '../components/greeting-field';
import { ivrFormFields, ivrFormSchema, ivrValues, newIvrValues, type IvrFormInput, type IvrFormValues } from './ivr-form-values';

type IvrFormProps = {
  menu?: IvrMenu;
  readOnly?: boolean;
  saving: boolean;
  submitLabel: string;
  onSubmit: (values: IvrFormValues) => Promise<unknown>;
};

export function IvrForm({ menu, readOnly, saving, submitLabel, onSubmit }: IvrFormProps) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<IvrFormInput, unknown, IvrFormValues>({
    resolver: zodResolver(ivrFormSchema),
    defaultValues: menu ? ivrValues(menu) : newIvrValues(),
  });
  const { errors } = form.formState;
  const disabled = readOnly || saving;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, ivrFormFields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormSection title={t('ivr.sections.general')}>
        <FormField label={t('ivr.fields.name')} error={errors.name?.message} required>
          <Input autoComplete="off" disabled={disabled} {...form.register('name')} />
        </FormField>
        <Controller
          control={form.control}
          name="greeting"
          render={({ field }) => (
            <GreetingField value={field.value} onChange={field.onChange} error={firstErrorMessage(errors.greeting)} disabled={disabled} />
          )}
        />
        <Controller
          control={form.control}
          name="enabled"
          render={({ field }) => (
            <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('ivr.fields.enabled')} hint={t('ivr.hints.enabled')} disabled={disabled} />
          )}
        />
      </FormSection>

      <FormSection title={t('ivr.sections.options')} description={t('ivr.sections.optionsHint')}>
        <Controller
          control={form.control}
          name="options"
          render={({ field }) => (
            <DigitOptionsEditor value={field.value ?? []} onChange={field.onChange} errors={errors.options} disabled={disabled} />
          )}
        />
        {errors.options?.message ? <FormError message={errors.options.message} /> : null}
      </FormSection>

      <FormSection title={t('ivr.sections.noInput')} description={t('ivr.sections.noInputHint')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('ivr.fields.timeout')} error={errors.timeout_seconds?.message} description={t('ivr.hints.timeout')}>
            <Input type="number" min={1} max={60} disabled={disabled} {...form.register('timeout_seconds', { valueAsNumber: true })} />
          </FormField>
          <FormField label={t('ivr.fields.maxRetries')} error={errors.max_retries?.message} description={t('ivr.hints.maxRetries')}>
            <Input type="number" min={0} max={10} disabled={disabled} {...form.register('max_retries', { valueAsNumber: true })} />
          </FormField>
        </div>
        <Controller
          control={form.control}
          name="timeout_destination"
          render={({ field }) => (
            <FormField label={t('ivr.fields.timeoutDestination')} error={firstErrorMessage(errors.timeout_destination)}>
              {(control) => (
                <DestinationPicker value={field.value} onChange={field.onChange} noneLabel={t('destinations.types.hangup')} control={control} disabled={disabled} />
              )}
            </FormField>
          )}
        />
        <Controller
          control={form.control}
          name="invalid_destination"
          render={({ field }) => (
            <FormField label={t('ivr.fields.invalidDestination')} error={firstErrorMessage(errors.invalid_destination)}>
              {(control) => (
                <DestinationPicker value={field.value} onChange={field.onChange} noneLabel={t('destinations.types.hangup')} control={control} disabled={disabled} />
              )}
            </FormField>
          )}
        />
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
