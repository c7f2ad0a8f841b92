'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { createScheduleSchema, defaultBusinessHours, type Schedule } from '@switchboard/contracts';
import { CalendarPlus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import { FormSection } from '@/features/destinations/components/form-section';
import { applyServerFieldErrors, firstErrorMessage } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { DayIntervals } from '../components/day-intervals';
import { WeeklyHoursEditor } from '../components/weekly-hours-editor';

type ScheduleInput = z.input<typeof createScheduleSchema>;
type ScheduleValues = z.output<typeof createScheduleSchema>;
const fields = ['name', 'weekly_hours', 'holidays'];

type ScheduleFormProps = {
  schedule?: Schedule;
  readOnly?: boolean;
  saving: boolean;
  submitLabel: string;
  onSubmit: (values: ScheduleValues) => Promise<unknown>;
};

export function ScheduleForm({ schedule, readOnly, saving, submitLabel, onSubmit }: ScheduleFormProps) {
  const t = useT();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ScheduleInput, unknown, ScheduleValues>({
    resolver: zodResolver(createScheduleSchema),
    defaultValues: schedule
      ? { name: schedule.name, weekly_hours: schedule.weekly_hours, holidays: schedule.holidays }
      : { name: '', weekly_hours: defaultBusinessHours, holidays: [] },
  });
  const holidays = useFieldArray({ control: form.control, name: 'holidays' });
  const { errors } = form.formState;
  const disabled = readOnly || saving;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <FormSection title={t('schedules.sections.general')} description={schedule ? t('schedules.timezone', { zone: schedule.timezone }) : undefined}>
        <FormField label={t('schedules.fields.name')} error={errors.name?.message} required>
          <Input autoComplete="off" disabled={disabled} {...form.register('name')} />
        </FormField>
      </FormSection>

      <FormSection title={t('schedules.sections.weekly')} description={t('schedules.sections.weeklyHint')}>
        <Controller
          control={form.control}
          name="weekly_hours"
          render={({ field }) => (
            <WeeklyHoursEditor value={field.value} onChange={field.onChange} errors={errors.weekly_hours} disabled={disabled} />
          )}
        />
      </FormSection>

      <FormSection title={t('schedules.sections.holidays')} description={t('schedules.sections.holidaysHint')}>
        {holidays.fields.length === 0 ? <p className="text-sm text-muted-foreground">{t('schedules.noHolidays')}</p> : null}
        {holidays.fields.map((holiday, index) => {
          const rowErrors = errors.holidays?.[index];
          return (
            <div key={holiday.id} className="grid gap-3 rounded-lg border p-3">
              <div className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
                <FormField label={t('schedules.fields.date')} error={rowErrors?.date?.message}>
                  <Input type="date" disabled={disabled} {...form.register(`holidays.${index}.date`)} />
                </FormField>
                <FormField label={t('schedules.fields.holidayName')} error={rowErrors?.name?.message}>
                  <Input disabled={disabled} {...form.register(`holidays.${index}.name`)} />
                </FormField>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="sm:mt-6"
                  onClick={() => holidays.remove(index)}
                  aria-label={t('schedules.removeHoliday')}
                  disabled={disabled}
                >
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
              <Controller
                control={form.control}
                name={`holidays.${index}.hours`}
                render={({ field }) => {
                  const hours = field.value ?? [];
                  const custom = hours.length > 0;
                  return (
                    <div className="grid gap-2">
                      <label className="flex items-center gap-2 text-sm">
                        <Switch
                          checked={custom}
                          onCheckedChange={(on) => field.onChange(on ? [{ open: '10:00', close: '14:00' }] : [])}
                          disabled={disabled}
                        />
                        {t('schedules.customHours')}
                        {custom ? null : <span className="text-muted-foreground">· {t('schedules.closedAllDay')}</span>}
                      </label>
                      {custom ? (
                        <DayIntervals
                          label={t('schedules.fields.holidayName')}
                          value={hours}
                          onChange={field.onChange}
                          error={firstErrorMessage(rowErrors?.hours)}
                          disabled={disabled}
                        />
                      ) : null}
                    </div>
                  );
                }}
              />
            </div>
          );
        })}
        <div>
          <Button
            type="button"
            variant="outline"
            onClick={() => holidays.append({ date: '', name: '', hours: [] })}
            disabled={disabled}
          >
            <CalendarPlus aria-hidden="true" />
            {t('schedules.addHoliday')}
          </Button>
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
