'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useT } from '@/lib/i18n';
import type { TrunkFormInput, TrunkFormValues } from '../forms/trunk-form-values';

/** Rules tried in order: the first whose prefix the dialled number starts with rewrites it. */
export function DialRulesEditor({
  form,
  disabled,
}: {
  form: UseFormReturn<TrunkFormInput, unknown, TrunkFormValues>;
  disabled?: boolean;
}) {
  const t = useT();
  const rules = useFieldArray({ control: form.control, name: 'dial_rules' });
  const errors = form.formState.errors.dial_rules;
  return (
    <div className="grid gap-3">
      {rules.fields.length === 0 ? <p className="text-sm text-muted-foreground">{t('trunks.rules.none')}</p> : null}
      {rules.fields.map((rule, index) => (
        <div key={rule.id} className="grid gap-3 rounded-lg border p-3 sm:grid-cols-[1fr_7rem_1fr_auto] sm:items-start">
          <FormField label={t('trunks.rules.prefix')} error={errors?.[index]?.prefix?.message}>
            <Input className="font-mono" placeholder="00" disabled={disabled} {...form.register(`dial_rules.${index}.prefix`)} />
          </FormField>
          <FormField label={t('trunks.rules.strip')} error={errors?.[index]?.strip?.message}>
            <Input type="number" min={0} max={15} disabled={disabled} {...form.register(`dial_rules.${index}.strip`, { valueAsNumber: true })} />
          </FormField>
          <FormField label={t('trunks.rules.prepend')} error={errors?.[index]?.prepend?.message}>
            <Input className="font-mono" placeholder="+" disabled={disabled} {...form.register(`dial_rules.${index}.prepend`)} />
          </FormField>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="sm:mt-6"
            onClick={() => rules.remove(index)}
            aria-label={t('trunks.rules.remove', { index: index + 1 })}
            disabled={disabled}
          >
            <Trash2 aria-hidden="true" />
          </Button>
        </div>
      ))}
      <div>
        <Button
          type="button"
          variant="outline"
          onClick={() => rules.append({ prefix: '', strip: 0, prepend: '' })}
          disabled={disabled || rules.fields.length >= 20}
        >
          <Plus aria-hidden="true" />
          {t('trunks.rules.add')}
        </Button>
      </div>
    </div>
  );
}
