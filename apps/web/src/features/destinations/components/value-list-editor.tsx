'use client';

import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n';

/** A short list of values (allowed senders, match addresses): type one, add it, remove with ×. */
export function ValueListEditor({
  value,
  onChange,
  disabled,
  invalid,
  inputLabel,
  placeholder,
  emptyText,
  inputMode,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  invalid?: boolean;
  inputLabel: string;
  placeholder?: string;
  emptyText: string;
  inputMode?: 'tel' | 'text';
}) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const add = () => {
    const item = draft.trim();
    if (!item || value.includes(item)) return;
    onChange([...value, item]);
    setDraft('');
  };
  return (
    <div className="grid gap-2">
      <div className="flex gap-2">
        <Input
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          placeholder={placeholder}
          inputMode={inputMode}
          aria-label={inputLabel}
          aria-invalid={invalid || undefined}
          disabled={disabled}
        />
        <Button type="button" variant="outline" onClick={add} disabled={disabled || !draft.trim()}>
          <Plus aria-hidden="true" />
          {t('telephony.add')}
        </Button>
      </div>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {value.map((item) => (
            <li key={item} className="flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-3 font-mono text-xs">
              {item}
              <button
                type="button"
                onClick={() => onChange(value.filter((n) => n !== item))}
                disabled={disabled}
                aria-label={t('telephony.removeValue', { value: item })}
                className="rounded-full p-0.5 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
              >
                <X className="size-3" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">{emptyText}</p>
      )}
    </div>
  );
}
