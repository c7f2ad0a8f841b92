'use client';

import { codecs, type Codec } from '@switchboard/contracts';
import { Checkbox } from '@/components/ui/checkbox';
import type { ControlProps } from '@/components/ui/form-field';

/** Codec checkboxes for endpoints and trunks; the order ticked is the order offered. */
export function CodecPicker({
  value,
  onChange,
  control,
  disabled,
}: {
  value: Codec[];
  onChange: (value: Codec[]) => void;
  control: ControlProps;
  disabled?: boolean;
}) {
  return (
    <div role="group" aria-describedby={control['aria-describedby']} className="flex flex-wrap gap-4">
      {codecs.map((codec) => (
        <CodecCheckbox key={codec} idPrefix={control.id} codec={codec} selected={value} onChange={onChange} disabled={disabled} />
      ))}
    </div>
  );
}

function CodecCheckbox({
  idPrefix,
  codec,
  selected,
  onChange,
  disabled,
}: {
  idPrefix: string;
  codec: Codec;
  selected: Codec[];
  onChange: (value: Codec[]) => void;
  disabled?: boolean;
}) {
  const id = `${idPrefix}-${codec}`;
  const checked = selected.includes(codec);
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <Checkbox
        id={id}
        checked={checked}
        disabled={disabled}
        // Order is preference order: a newly ticked codec goes last.
        onCheckedChange={(next) => onChange(next ? [...selected, codec] : selected.filter((c) => c !== codec))}
      />
      <span className="font-mono">{codec}</span>
    </label>
  );
}
