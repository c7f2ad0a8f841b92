'use client';

import { Controller, type UseFormReturn } from 'react-hook-form';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { NullableTextInput } from '@/features/destinations/components/nullable-inputs';
import { firstErrorMessage } from '@/features/destinations/form-errors';
import { useT } from '@/lib/i18n';
import { CodecPicker } from '../components/codec-picker';
import { UserPicker } from '../components/user-picker';
import type { EndpointFormInput, EndpointFormValues } from './endpoint-form-values';

type Form = UseFormReturn<EndpointFormInput, unknown, EndpointFormValues>;

/** The fields of an endpoint, shared by the create wizard's second step and the edit page. */
export function EndpointFields({ form, disabled }: { form: Form; disabled?: boolean }) {
  const t = useT();
  const { errors } = form.formState;
  return (
    <div className="grid gap-5">
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          label={t('endpoints.fields.extension')}
          error={errors.extension?.message}
          description={t('endpoints.hints.extension')}
          required
        >
          <Input inputMode="numeric" autoComplete="off" disabled={disabled} {...form.register('extension')} />
        </FormField>
        <FormField label={t('endpoints.fields.displayName')} error={errors.display_name?.message} required>
          <Input autoComplete="off" disabled={disabled} {...form.register('display_name')} />
        </FormField>
      </div>
      <Controller
        control={form.control}
        name="user_id"
        render={({ field }) => (
          <FormField label={t('endpoints.fields.user')} error={errors.user_id?.message} description={t('endpoints.hints.user')}>
            {(control) => <UserPicker value={field.value} onChange={field.onChange} control={control} disabled={disabled} />}
          </FormField>
        )}
      />
      <Controller
        control={form.control}
        name="codecs"
        render={({ field }) => (
          <FormField label={t('endpoints.fields.codecs')} error={firstErrorMessage(errors.codecs)} description={t('endpoints.hints.codecs')}>
            {(control) => (
              <CodecPicker value={field.value ?? []} onChange={field.onChange} control={control} disabled={disabled} />
            )}
          </FormField>
        )}
      />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="caller_id_name"
          render={({ field }) => (
            <FormField label={t('endpoints.fields.callerIdName')} error={errors.caller_id_name?.message}>
              <NullableTextInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} disabled={disabled} />
            </FormField>
          )}
        />
        <Controller
          control={form.control}
          name="caller_id_number"
          render={({ field }) => (
            <FormField label={t('endpoints.fields.callerIdNumber')} error={errors.caller_id_number?.message}>
              <NullableTextInput
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputMode="tel"
                disabled={disabled}
              />
            </FormField>
          )}
        />
        <FormField
          label={t('endpoints.fields.maxContacts')}
          error={errors.max_contacts?.message}
          description={t('endpoints.hints.maxContacts')}
        >
          <Input
            type="number"
            min={1}
            max={10}
            disabled={disabled}
            {...form.register('max_contacts', { valueAsNumber: true })}
          />
        </FormField>
      </div>
      <div className="grid gap-3">
        <SwitchRow form={form} name="nat" label={t('endpoints.fields.nat')} hint={t('endpoints.hints.nat')} disabled={disabled} />
        <SwitchRow
          form={form}
          name="voicemail_enabled"
          label={t('endpoints.fields.voicemail')}
          hint={t('endpoints.hints.voicemail')}
          disabled={disabled}
        />
        <SwitchRow form={form} name="enabled" label={t('endpoints.fields.enabled')} hint={t('endpoints.hints.enabled')} disabled={disabled} />
      </div>
    </div>
  );
}

function SwitchRow({
  form,
  name,
  label,
  hint,
  disabled,
}: {
  form: Form;
  name: 'nat' | 'voicemail_enabled' | 'enabled';
  label: string;
  hint: string;
  disabled?: boolean;
}) {
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={label} hint={hint} disabled={disabled} />
      )}
    />
  );
}
