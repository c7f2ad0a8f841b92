'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { createPauseReasonSchema, type PauseReason } from '@switchboard/contracts';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NullableNumberInput } from '@/features/destinations/components/nullable-inputs';
import { SwitchField } from '@/features/destinations/components/switch-field';
import { applyServerFieldErrors } from '@/features/destinations/form-errors';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useSavePauseReason } from '../queries';

type ReasonInput = z.input<typeof createPauseReasonSchema>;
type Values = z.output<typeof createPauseReasonSchema>;
const fields = ['name', 'code', 'paid', 'max_minutes', 'enabled'];

/** Create (reason null) or edit one pause reason. */
export function PauseReasonDialog({
  reason,
  open,
  onOpenChange,
}: {
  reason: PauseReason | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT();
  const save = useSavePauseReason(reason?.id ?? null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ReasonInput, unknown, Values>({
    resolver: zodResolver(createPauseReasonSchema),
    values: reason
      ? { name: reason.name, code: reason.code, paid: reason.paid, max_minutes: reason.max_minutes, enabled: reason.enabled }
      : { name: '', code: '', paid: false, max_minutes: null, enabled: true },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync(values);
      toast.success(reason ? t('pauseReasons.saved') : t('pauseReasons.created', { name: values.name }));
      onOpenChange(false);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fields)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{reason ? t('pauseReasons.editTitle') : t('pauseReasons.new')}</DialogTitle>
            <DialogDescription>{t('pauseReasons.dialogDescription')}</DialogDescription>
          </DialogHeader>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <FormField label={t('pauseReasons.fields.name')} error={errors.name?.message} required>
              <Input disabled={save.isPending} {...form.register('name')} />
            </FormField>
            <FormField label={t('pauseReasons.fields.code')} error={errors.code?.message} description={t('pauseReasons.hints.code')} required>
              <Input className="font-mono" disabled={save.isPending} {...form.register('code')} />
            </FormField>
          </div>
          <Controller
            control={form.control}
            name="max_minutes"
            render={({ field }) => (
              <FormField label={t('pauseReasons.fields.maxMinutes')} error={errors.max_minutes?.message} description={t('pauseReasons.hints.maxMinutes')}>
                <NullableNumberInput value={field.value} onChange={field.onChange} min={1} max={720} disabled={save.isPending} />
              </FormField>
            )}
          />
          <Controller
            control={form.control}
            name="paid"
            render={({ field }) => (
              <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('pauseReasons.fields.paid')} hint={t('pauseReasons.hints.paid')} disabled={save.isPending} />
            )}
          />
          <Controller
            control={form.control}
            name="enabled"
            render={({ field }) => (
              <SwitchField checked={Boolean(field.value)} onChange={field.onChange} label={t('pauseReasons.fields.enabled')} hint={t('pauseReasons.hints.enabled')} disabled={save.isPending} />
            )}
          />
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
