'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { queueStrategies, type Queue } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { FormSection } from '@/features/destinations/components/form-section';
import { DestinationPicker } from '@/features/destinations/components/destination-picker';
import { NullableNumberInput } from '@/features/destinations/components/nullable-inputs';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { strategyHintKeys, strategyLabelKeys } from '../strategy';
import {
  newQueueValues,
  queueFormFields,
  queueFormSchema,
  queueValues,
  type QueueFormInput,
  type QueueFormValues,
} from './queue-form-values';

type QueueFormProps = {
  queue?: Queue;
  readOnly?: boolean;
  saving: boolean;
  submitLabel: string;
  onSubmit: (values: QueueFormValues) => Promise<unknown>;
};

/** Every queue setting in four groups; used to create a queue and on its settings tab. */
export function QueueForm({ queue, readOnly, saving, submitLabel, onSubmit }: QueueFormProps) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<QueueFormInput, unknown, QueueFormValues>({
    resolver: zodResolver(queueFormSchema),
    defaultValues: queue ? queueValues(queue) : newQueueValues(),
  });
  const { errors } = form.formState;
  const disabled = readOnly || saving;
  const strategy = form.watch('strategy') ?? 'ringall';

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
      form.reset(values);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, queueFormFields)) setFormError(errorMessage(error, t));
    }
  });

  const numberField = (name: Path<QueueFormInput>, label: string, hint?: string) => (
    <FormField label={label} error={firstErrorMessage(errors[name as keyof typeof errors])} description={hint}>
      <Input type="number" min={0} disabled={disabled} {...form.register(name, { valueAsNumber: true })} />
    </FormField>
  );
  const switchField = (
    name: 'join_empty' | 'leave_when_empty' | 'announce_position' | 'announce_hold_time' | 'enabled',
    label: string,
    hint: string,
  ) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={label} hint={hint} disabled={disabled} />
      )}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormSection title={t('queues.sections.general')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('queues.fields.name')} error={errors.name?.message} required>
            <Input autoComplete="off" disabled={disabled} {...form.register('name')} />
          </FormField>
          <Controller
            control={form.control}
            name="strategy"
            render={({ field }) => (
              <FormField label={t('queues.fields.strategy')} error={errors.strategy?.message} description={t(strategyHintKeys[strategy])}>
                {(control) => (
                  <Select value={field.value} onValueChange={field.onChange} disabled={disabled}>
                    <SelectTrigger {...control}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {queueStrategies.map((value) => (
                        <SelectItem key={value} value={value}>
                          {t(strategyLabelKeys[value])}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </FormField>
            )}
          />
        </div>
        {switchField('enabled', t('queues.fields.enabled'), t('queues.hints.enabled'))}
      </FormSection>

      <FormSection title={t('queues.sections.ringing')} description={t('queues.sections.ringingHint')}>
        <div className="grid items-start gap-4 sm:grid-cols-3">
          {numberField('ring_timeout_seconds', t('queues.fields.ringTimeout'), t('queues.hints.ringTimeout'))}
          {numberField('retry_seconds', t('queues.fields.retry'), t('queues.hints.retry'))}
          {numberField('wrapup_seconds', t('queues.fields.wrapup'), t('queues.hints.wrapup'))}
        </div>
      </FormSection>

      <FormSection title={t('queues.sections.waiting')} description={t('queues.sections.waitingHint')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="max_wait_seconds"
            render={({ field }) => (
              <FormField label={t('queues.fields.maxWait')} error={errors.max_wait_seconds?.message} description={t('queues.hints.maxWait')}>
                <NullableNumberInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} min={10} disabled={disabled} />
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="max_callers"
            render={({ field }) => (
              <FormField label={t('queues.fields.maxCallers')} error={errors.max_callers?.message} description={t('queues.hints.maxCallers')}>
                <NullableNumberInput value={field.value} onChange={field.onChange} onBlur={field.onBlur} min={1} disabled={disabled} />
              </FormField>
            )}
          />
        </div>
        <Controller
          control={form.control}
          name="overflow_destination"
          render={({ field }) => (
            <FormField
              label={t('queues.fields.overflow')}
              error={firstErrorMessage(errors.overflow_destination)}
              description={t('queues.hints.overflow')}
            >
              {(control) => (
                <DestinationPicker
                  value={field.value}
                  onChange={field.onChange}
                  noneLabel={t('queues.overflowNone')}
                  control={control}
                  disabled={disabled}
                />
              )}
            </FormField>
          )}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          {switchField('join_empty', t('queues.fields.joinEmpty'), t('queues.hints.joinEmpty'))}
          {switchField('leave_when_empty', t('queues.fields.leaveWhenEmpty'), t('queues.hints.leaveWhenEmpty'))}
        </div>
      </FormSection>

      <FormSection title={t('queues.sections.announcements')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField label={t('queues.fields.musicClass')} error={errors.music_class?.message} description={t('queues.hints.musicClass')}>
            <Input autoComplete="off" disabled={disabled} {...form.register('music_class')} />
          </FormField>
          {numberField('announce_frequency_seconds', t('queues.fields.announceFrequency'), t('queues.hints.announceFrequency'))}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {switchField('announce_position', t('queues.fields.announcePosition'), t('queues.hints.announcePosition'))}
          {switchField('announce_hold_time', t('queues.fields.announceHoldTime'), t('queues.hints.announceHoldTime'))}
        </div>
      </FormSection>

      <FormSection title={t('queues.sections.serviceLevel')}>
        <div className="grid items-start gap-4 sm:grid-cols-3">
          {numberField('service_level_seconds', t('queues.fields.serviceLevel'), t('queues.hints.serviceLevel'))}
        </div>
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
