'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { createTenantSchema } from '@switchboard/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useCreateTenant } from '../queries';
import { slugFromName } from '../slug';
import { TimeZoneSelect } from './timezone-select';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof createTenantSchema>;
type Parsed = z.output<typeof createTenantSchema>;

const fieldNames = ['name', 'slug', 'timezone', 'admin.email', 'admin.name', 'admin.password'] as const;

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function CreateTenantDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT();
  const router = useRouter();
  const create = useCreateTenant();
  const [withAdmin, setWithAdmin] = useState(true);
  const [slugEdited, setSlugEdited] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(createTenantSchema),
    defaultValues: { name: '', slug: '', timezone: browserTimeZone() },
    // Unchecking "first admin" unmounts its fields, which then leave the submitted values.
    shouldUnregister: true,
  });
  const { errors, isSubmitting } = form.formState;

  const close = (next: boolean) => {
    if (isSubmitting) return;
    if (!next) {
      form.reset();
      setFormError(null);
      setSlugEdited(false);
    }
    onOpenChange(next);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const tenant = await create.mutateAsync(values);
      toast.success(t('tenants.createdToast', { name: tenant.name }));
      close(false);
      router.push(`/tenants/${tenant.id}`);
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fieldNames)) setFormError(errorMessage(error, t));
    }
  });

  const nameField = form.register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (!slugEdited) form.setValue('slug', slugFromName(event.target.value));
    },
  });
  const slugField = form.register('slug', { onChange: () => setSlugEdited(true) });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('tenants.createTitle')}</DialogTitle>
          <DialogDescription>{t('tenants.createDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <fieldset disabled={isSubmitting} className="grid min-w-0 gap-4">
            <div className="grid items-start gap-4 sm:grid-cols-2">
              <FormField label={t('tenants.fields.name')} error={errors.name?.message} required>
                <Input autoFocus autoComplete="off" {...nameField} />
              </FormField>
              <FormField
                label={t('tenants.fields.slug')}
                error={errors.slug?.message}
                description={t('tenants.fields.slugHint')}
                required
              >
                <Input autoComplete="off" {...slugField} />
              </FormField>
            </div>
            <FormField label={t('tenants.fields.timezone')} error={errors.timezone?.message}>
              {(control) => (
                <Controller
                  control={form.control}
                  name="timezone"
                  render={({ field }) => (
                    <TimeZoneSelect control={control} value={field.value} onChange={field.onChange} />
                  )}
                />
              )}
            </FormField>
            <div className="grid gap-4 rounded-lg border bg-muted/30 p-4">
              <div className="flex items-start gap-3">
                <Checkbox
                  id="tenant-first-admin"
                  checked={withAdmin}
                  onCheckedChange={(checked) => setWithAdmin(checked === true)}
                />
                <div className="grid gap-1">
                  <Label htmlFor="tenant-first-admin">{t('tenants.fields.withAdmin')}</Label>
                  <p className="text-xs text-muted-foreground">{t('tenants.fields.withAdminHint')}</p>
                </div>
              </div>
              {withAdmin ? (
                <div className="grid items-start gap-4 sm:grid-cols-2">
                  <FormField
                    label={t('tenants.fields.adminName')}
                    error={errors.admin?.name?.message}
                    required
                  >
                    <Input autoComplete="off" {...form.register('admin.name')} />
                  </FormField>
                  <FormField
                    label={t('tenants.fields.adminEmail')}
                    error={errors.admin?.email?.message}
                    required
                  >
                    <Input type="email" autoComplete="off" {...form.register('admin.email')} />
                  </FormField>
                  <FormField
                    label={t('tenants.fields.adminPassword')}
                    error={errors.admin?.password?.message}
                    description={t('users.fields.passwordHint')}
                    className="sm:col-span-2"
                    required
                  >
                    <PasswordInput autoComplete="new-password" {...form.register('admin.password')} />
                  </FormField>
                </div>
              ) : null}
            </div>
          </fieldset>
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)} disabled={isSubmitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('tenants.createSubmit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
