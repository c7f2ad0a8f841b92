'use client';

import { CalendarDays } from 'lucide-react';
import { DayPicker, type DateRange } from 'react-day-picker';
import { useState } from 'react';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { Button } from './button';
import { Popover, PopoverContent, PopoverTrigger } from './popover';

export type { DateRange };

type DateRangePickerProps = {
  value: DateRange | undefined;
  onChange: (range: DateRange | undefined) => void;
  /** Accessible name of the trigger, e.g. "Created between". */
  label: string;
  className?: string;
  disabled?: boolean;
};

const dayPickerClassNames = {
  months: 'relative flex flex-col gap-4 sm:flex-row',
  month: 'grid gap-3',
  month_caption: 'flex h-8 items-center justify-center text-sm font-medium',
  nav: 'absolute inset-x-0 top-0 flex items-center justify-between',
  button_previous:
    'inline-flex size-8 items-center justify-center rounded-md hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring outline-none disabled:opacity-40',
  button_next:
    'inline-flex size-8 items-center justify-center rounded-md hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring outline-none disabled:opacity-40',
  chevron: 'size-4 fill-current',
  weekdays: 'flex',
  weekday: 'w-9 text-[0.75rem] font-normal text-muted-foreground',
  week: 'mt-1 flex w-full',
  day: 'size-9 p-0 text-center text-sm',
  day_button:
    'inline-flex size-9 items-center justify-center rounded-md outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring',
  today: 'font-semibold text-primary',
  selected: '[&>button]:bg-primary [&>button]:text-primary-foreground [&>button]:hover:bg-primary',
  range_start: 'rounded-l-md bg-primary/15',
  range_end: 'rounded-r-md bg-primary/15',
  range_middle: 'bg-primary/15 [&>button]:!bg-transparent [&>button]:!text-foreground',
  outside: 'text-muted-foreground opacity-50',
  disabled: 'text-muted-foreground opacity-50',
};

/** A button showing the chosen range that opens a two-month calendar. */
export function DateRangePicker({ value, onChange, label, className, disabled }: DateRangePickerProps) {
  const t = useT();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const text = value?.from
    ? value.to
      ? `${format.date(value.from)} – ${format.date(value.to)}`
      : format.date(value.from)
    : t('dateRange.placeholder');

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          disabled={disabled}
          aria-label={`${label}: ${text}`}
          className={cn('justify-start font-normal', !value?.from && 'text-muted-foreground', className)}
        >
          <CalendarDays aria-hidden="true" />
          {text}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-auto p-3" align="start">
        <DayPicker
          mode="range"
          numberOfMonths={2}
          selected={value}
          onSelect={onChange}
          defaultMonth={value?.from}
          classNames={dayPickerClassNames}
        />
        <div className="flex justify-end gap-2 border-t pt-3">
          <Button variant="ghost" size="sm" onClick={() => onChange(undefined)}>
            {t('dateRange.clear')}
          </Button>
          <Button size="sm" onClick={() => setOpen(false)}>
            {t('common.done')}
          </Button>
        </div>
      </PopoverContent>
    </Popover>
  );
}
