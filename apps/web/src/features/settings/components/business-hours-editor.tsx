'use client';

import { weekdays, type WeeklyHours } from '@switchboard/contracts';
import { Plus, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import { useT } from '@/lib/i18n';

type Weekday = (typeof weekdays)[number];
type Interval = WeeklyHours[Weekday][number];

type BusinessHoursEditorProps = {
  value: WeeklyHours;
  onChange: (next: WeeklyHours) => void;
  /** Per weekday, the first error the form found in its intervals. */
  errors?: Partial<Record<Weekday, string | undefined>>;
  disabled?: boolean;
};

const maxIntervals = 6;

/** One row per weekday: closed, or one or more [open, close) intervals (a lunch break is two). */
export function BusinessHoursEditor({ value, onChange, errors, disabled }: BusinessHoursEditorProps) {
  const t = useT();
  const setDay = (day: Weekday, intervals: Interval[]) => onChange({ ...value, [day]: intervals });

  return (
    <div className="divide-y rounded-lg border">
      {weekdays.map((day) => {
        const intervals = value[day];
        const open = intervals.length > 0;
        const dayName = t(`settings.weekdays.${day}`);
        const last = intervals[intervals.length - 1];
        return (
          <div key={day} className="grid gap-3 px-4 py-3 sm:grid-cols-[9rem_1fr] sm:items-start">
            <label className="flex h-9 items-center gap-3 text-sm font-medium">
              <Switch
                checked={open}
                disabled={disabled}
                onCheckedChange={(checked) => setDay(day, checked ? [{ open: '09:00', close: '17:00' }] : [])}
                aria-label={t('settings.hours.openOn', { day: dayName })}
              />
              {dayName}
            </label>
            <div className="grid gap-2">
              {open ? (
                intervals.map((interval, index) => (
                  <div key={index} className="flex flex-wrap items-center gap-2">
                    <Input
                      type="time"
                      value={interval.open}
                      disabled={disabled}
                      aria-label={t('settings.hours.opens', { day: dayName, n: index + 1 })}
                      onChange={(event) =>
                        setDay(
                          day,
                          intervals.map((it, i) => (i === index ? { ...it, open: event.target.value } : it)),
                        )
                      }
                      className="w-32 tabular-nums"
                    />
                    <span className="text-sm text-muted-foreground">–</span>
                    <Input
                      type="time"
                      value={interval.close}
                      disabled={disabled}
                      aria-label={t('settings.hours.closes', { day: dayName, n: index + 1 })}
                      onChange={(event) =>
                        setDay(
                          day,
                          intervals.map((it, i) => (i === index ? { ...it, close: event.target.value } : it)),
                        )
                      }
                      className="w-32 tabular-nums"
                    />
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon-sm"
                      disabled={disabled}
                      aria-label={t('settings.hours.remove', { day: dayName, n: index + 1 })}
                      onClick={() =>
                        setDay(
                          day,
                          intervals.filter((_, i) => i !== index),
                        )
                      }
                    >
                      <X aria-hidden="true" />
                    </Button>
                    {index === intervals.length - 1 && intervals.length < maxIntervals ? (
                      <Button
                        type="button"
                        variant="ghost"
                        size="sm"
                        disabled={disabled}
                        onClick={() =>
                          setDay(day, [...intervals, { open: last?.close ?? '13:00', close: '17:00' }])
                        }
                      >
                        <Plus aria-hidden="true" />
                        {t('settings.hours.add')}
                      </Button>
                    ) : null}
                  </div>
                ))
              ) : (
                <span className="flex h-9 items-center text-sm text-muted-foreground">
                  {t('settings.hours.closed')}
                </span>
              )}
              {errors?.[day] ? (
                <p role="alert" className="text-xs font-medium text-destructive">
                  {errors[day]}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
