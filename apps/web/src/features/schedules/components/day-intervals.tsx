'use client';

import { Plus, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n';

export type Interval = { open: string; close: string };

/** Opening intervals of one day; none means closed. A close before its open runs past midnight. */
export function DayIntervals({
  label,
  value,
  onChange,
  error,
  disabled,
}: {
  label: string;
  value: Interval[];
  onChange: (value: Interval[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const update = (index: number, patch: Partial<Interval>) =>
    onChange(value.map((interval, i) => (i === index ? { ...interval, ...patch } : interval)));
  const last = value[value.length - 1];
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {value.length === 0 ? <span className="text-sm text-muted-foreground">{t('schedules.closed')}</span> : null}
        {value.map((interval, index) => (
          <div key={index} className="flex items-center gap-1 rounded-md border p-1">
            <Input
              type="time"
              value={interval.open}
              onChange={(event) => update(index, { open: event.target.value })}
              aria-label={t('schedules.opensAt', { day: label, index: index + 1 })}
              className="h-8 w-28"
              disabled={disabled}
            />
            <span aria-hidden="true">–</span>
            <Input
              type="time"
              value={interval.close}
              onChange={(event) => update(index, { close: event.target.value })}
              aria-label={t('schedules.closesAt', { day: label, index: index + 1 })}
              className="h-8 w-28"
              disabled={disabled}
            />
            <Button
              type="button"
              variant="ghost"
              size="icon-sm"
              onClick={() => onChange(value.filter((_, i) => i !== index))}
              aria-label={t('schedules.removeInterval', { day: label, index: index + 1 })}
              disabled={disabled}
            >
              <X aria-hidden="true" />
            </Button>
          </div>
        ))}
        {value.length < 6 ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => onChange([...value, last ? { open: last.close, close: '18:00' } : { open: '09:00', close: '17:00' }])}
            aria-label={t('schedules.addIntervalFor', { day: label })}
            disabled={disabled}
          >
            <Plus aria-hidden="true" />
            {t('schedules.addInterval')}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
