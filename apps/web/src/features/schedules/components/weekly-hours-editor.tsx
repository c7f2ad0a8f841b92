'use client';

import { weekdays, type WeeklyHours } from '@switchboard/contracts';
import { firstErrorMessage } from '@/features/destinations/form-errors';
import { useT, type MessageKey } from '@/lib/i18n';
import { DayIntervals } from './day-intervals';

const dayKeys: Record<(typeof weekdays)[number], MessageKey> = {
  mon: 'schedules.days.mon',
  tue: 'schedules.days.tue',
  wed: 'schedules.days.wed',
  thu: 'schedules.days.thu',
  fri: 'schedules.days.fri',
  sat: 'schedules.days.sat',
  sun: 'schedules.days.sun',
};

export function WeeklyHoursEditor({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: WeeklyHours;
  onChange: (value: WeeklyHours) => void;
  errors: unknown;
  disabled?: boolean;
}) {
  const t = useT();
  const dayErrors = (errors ?? {}) as Record<string, unknown>;
  return (
    <div className="divide-y rounded-lg border">
      {weekdays.map((day) => (
        <div key={day} className="grid gap-2 p-3 sm:grid-cols-[8rem_1fr] sm:items-center">
          <span className="text-sm font-medium">{t(dayKeys[day])}</span>
          <DayIntervals
            label={t(dayKeys[day])}
            value={value[day]}
            onChange={(intervals) => onChange({ ...value, [day]: intervals })}
            error={firstErrorMessage(dayErrors[day])}
            disabled={disabled}
          />
        </div>
      ))}
    </div>
  );
}
