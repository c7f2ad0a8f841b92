'use client';

import { useMemo } from 'react';
import type { ControlProps } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

/** Every IANA zone the browser knows; the API checks the same database. */
function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

type TimeZoneSelectProps = {
  control?: ControlProps;
  value: string | undefined;
  onChange: (zone: string) => void;
  disabled?: boolean;
};

export function TimeZoneSelect({ control, value, onChange, disabled }: TimeZoneSelectProps) {
  const zones = useMemo(() => {
    const list = timeZones();
    return value && !list.includes(value) ? [value, ...list] : list;
  }, [value]);
  return (
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <SelectTrigger {...control}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent className="max-h-72">
        {zones.map((zone) => (
          <SelectItem key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
