'use client';

import { Controller, type UseFormReturn } from 'react-hook-form';
import { FormField } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DestinationPicker } from '@/features/destinations/components/destination-picker';
import { firstErrorMessage } from '@/features/destinations/form-errors';
import { useScheduleOptions } from '@/features/schedules/queries';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import type { DidFormInput, DidFormValues } from './did-form-values';

type Mode = 'none' | 'business_hours' | 'schedule';

/**
 * None, the tenant's business hours, or a named schedule. With a condition, calls outside the
 * hours go to the closed destination (the API requires one exactly when a condition is set).
 */
export function TimeConditionFields({
  form,
  disabled,
}: {
  form: UseFormReturn<DidFormInput, unknown, DidFormValues>;
  disabled?: boolean;
}) {
  const t = useT();
  const canReadSchedules = usePermission('ivr.read');
  const schedules = useScheduleOptions(canReadSchedules);
  const condition = form.watch('time_condition');
  const mode: Mode = condition ? condition.mode : 'none';
  const { errors } = form.formState;

  const setMode = (next: Mode) => {
    const options = { shouldDirty: true };
    if (next === 'none') {
      form.setValue('time_condition', null, options);
      form.setValue('closed_destination', null, options);
      return;
    }
    form.setValue(
      'time_condition',
      next === 'business_hours' ? { mode: next } : { mode: next, schedule_id: schedules.data?.[0]?.id ?? '' },
      options,
    );
    if (!form.getValues('closed_destination')) form.setValue('closed_destination', { type: 'hangup' }, options);
  };

  return (
    <div className="grid gap-4 rounded-lg border p-4">
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField label={t('dids.fields.timeCondition')} description={t('dids.hints.timeCondition')}>
          {(control) => (
            <Select value={mode} onValueChange={(value) => setMode(value as Mode)} disabled={disabled}>
              <SelectTrigger {...control}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="none">{t('dids.timeCondition.none')}</SelectItem>
                <SelectItem value="business_hours">{t('dids.timeCondition.businessHours')}</SelectItem>
                <SelectItem value="schedule" disabled={!canReadSchedules}>
                  {t('dids.timeCondition.schedule')}
                </SelectItem>
              </SelectContent>
            </Select>
          )}
        </FormField>
        {condition?.mode === 'schedule' ? (
          <FormField label={t('dids.fields.schedule')} error={firstErrorMessage(errors.time_condition)}>
            {(control) => (
              <Select
                value={condition.schedule_id}
                onValueChange={(schedule_id) => form.setValue('time_condition', { mode: 'schedule', schedule_id }, { shouldDirty: true })}
                disabled={disabled}
              >
                <SelectTrigger {...control}>
                  <SelectValue placeholder={schedules.data?.length === 0 ? t('dids.noSchedules') : t('destinations.chooseTarget')} />
                </SelectTrigger>
                <SelectContent>
                  {schedules.data?.map((schedule) => (
                    <SelectItem key={schedule.id} value={schedule.id}>
                      {schedule.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
        ) : null}
      </div>
      {condition ? (
        <Controller
          control={form.control}
          name="closed_destination"
          render={({ field }) => (
            <FormField
              label={t('dids.fields.closedDestination')}
              error={firstErrorMessage(errors.closed_destination)}
              description={t('dids.hints.closedDestination')}
              required
            >
              {(control) => <DestinationPicker value={field.value} onChange={field.onChange} control={control} disabled={disabled} />}
            </FormField>
          )}
        />
      ) : null}
    </div>
  );
}
