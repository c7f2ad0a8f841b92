'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { unansweredFallbacks, type Did } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DestinationPicker } from '@/features/destinations/components/destination-picker';
import { FormSection } from '@/features/destinations/components/form-section';
import { NullableTextInput } from '@/features/destinations/components/nullable-inputs';
import { ValueListEditor } from '@/features/destinations/components/value-list-editor';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { TimeConditionFields } from './time-condition-fields';
import { didFormFields, didFormSchema, didValues, newDidValues, type DidFormInput, type DidFormValues } from './did-form-values';

type DidFormProps = {
  did?: Did;
  readOnly?: boolean;
  saving: boolean;
  submitLabel: string;
  onSubmit: (values: DidFormValues) => Promise<unknown>;
};

export function DidForm({ did, readOnly, saving, submitLabel, onSubmit }: DidFormProps) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DidFormInput, unknown, DidFormValues>({
    resolver: zodResolver(didFormSchema),
    defaultValues: did ? didValues(did) : newDidValues(),
  });
  const { errors } = form.formState;
  const disabled = readOnly || saving;
  const smsEnabled = form.watch('sms.enabled');

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, didFormFields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormSection title={t('dids.sections.number')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('dids.fields.number')} error={errors.number?.message} description={t('dids.hints.number')} required>
            <Input inputMode="tel" autoComplete="off" placeholder="+49 30 1234567" disabled={disabled} {...form.register('number')} />
          </FormField>
          <Controller
            control={form.control}
            name="description"
            render={({ field }) => (
              <FormField label={t('dids.fields.description')} error={errors.description?.message}>
                <NullableTextInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} disabled={disabled} />
              </FormField>
            )}
          />
        </div>
      </FormSection>

      <FormSection title={t('dids.sections.routing')} description={t('dids.sections.routingHint')}>
        <Controller
          control={form.control}
          name="destination"
          render={({ field }) => (
            <FormField label={t('dids.fields.destination')} error={firstErrorMessage(errors.destination)} required>
              {(control) => <DestinationPicker value={field.value} onChange={(v) => field.onChange(v ?? undefined)} control={control} disabled={disabled} />}
            </FormField>
          )}
        />
        <TimeConditionFields form={form} disabled={disabled} />
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="unanswered_fallback"
            render={({ field }) => (
              <FormField label={t('dids.fields.unansweredFallback')} error={errors.unanswered_fallback?.message} description={t('dids.hints.unansweredFallback')}>
                {(control) => (
                  <Select value={field.value} onValueChange={field.onChange} disabled={disabled}>
                    <SelectTrigger {...control}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {unansweredFallbacks.map((value) => (
                        <SelectItem key={value} value={value}>
                          {t(value === 'voicemail' ? 'dids.fallback.voicemail' : 'dids.fallback.hangup')}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="caller_id_name_prefix"
            render={({ field }) => (
              <FormField label={t('dids.fields.callerIdPrefix')} error={errors.caller_id_name_prefix?.message} description={t('dids.hints.callerIdPrefix')}>
                <NullableTextInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} placeholder={t('dids.hints.callerIdPrefixExample')} disabled={disabled} />
              </FormField>
            )}
          />
        </div>
        <Controller
          control={form.control}
          name="recording_enabled"
          render={({ field }) => (
            <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('dids.fields.recording')} hint={t('dids.hints.recording')} disabled={disabled} />
          )}
        />
      </FormSection>

      <FormSection title={t('dids.sections.sms')} description={t('dids.sections.smsHint')}>
        <Controller
          control={form.control}
          name="sms.enabled"
          render={({ field }) => (
            <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('dids.smsFields.enabled')} hint={t('dids.smsFields.enabledHint')} disabled={disabled} />
          )}
        />
        {smsEnabled ? (
          <>
            <Controller
              control={form.control}
              name="sms.webhook_url"
              render={({ field }) => (
                <FormField label={t('dids.smsFields.webhookUrl')} error={errors.sms?.webhook_url?.message} description={t('dids.smsFields.webhookHint')}>
                  <NullableTextInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} type="url" placeholder="https://example.com/sms" disabled={disabled} />
                </FormField>
              )}
            />
            <Controller
              control={form.control}
              name="sms.allowed_senders"
              render={({ field }) => (
                <FormField label={t('dids.smsFields.allowedSenders')} error={firstErrorMessage(errors.sms?.allowed_senders)}>
                  {() => (
                    <ValueListEditor
                      value={field.value ?? []}
                      onChange={field.onChange}
                      disabled={disabled}
                      invalid={Boolean(errors.sms?.allowed_senders)}
                      inputLabel={t('dids.smsFields.addSender')}
                      placeholder="+49 30 1234567"
                      inputMode="tel"
                      emptyText={t('dids.smsFields.anySender')}
                    />
                  )}
                </FormField>
              )}
            />
          </>
        ) : null}
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
