'use client';

import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n';

/** Phone numbers allowed to send SMS to this DID; the API normalises each to E.164. */
export function SenderListEditor({
  value,
  onChange,
  disabled,
  invalid,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  invalid?: boolean;
}) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const add = () => {
    const number = draft.trim();
    if (!number || value.includes(number)) return;
    onChange([...value, number]);
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
          placeholder="+49 30 1234567"
          inputMode="tel"
          aria-label={t('dids.smsFields.addSender')}
          aria-invalid={invalid || undefined}
          disabled={disabled}
        />
        <Button type="button" variant="outline" onClick={add} disabled={disabled || !draft.trim()}>
          <Plus aria-hidden="true" />
          {t('dids.smsFields.add')}
        </Button>
      </div>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {value.map((number) => (
            <li key={number} className="flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-3 font-mono text-xs">
              {number}
              <button
                type="button"
                onClick={() => onChange(value.filter((n) => n !== number))}
                disabled={disabled}
                aria-label={t('dids.smsFields.removeSender', { number })}
                className="rounded-full p-0.5 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
              >
                <X className="size-3" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">{t('dids.smsFields.anySender')}</p>
      )}
    </div>
  );
}
