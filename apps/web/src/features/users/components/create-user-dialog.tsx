'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { createUserSchema } from '@switchboard/contracts';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
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
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { limitReachedMessage } from '../limit-reached';
import { useCreateUser, useRoleOptions } from '../queries';
import { RoleSelect } from './role-select';
import { applyServerFieldErrors } from '../server-errors';

type Values = z.input<typeof createUserSchema>;
type Parsed = z.output<typeof createUserSchema>;

const fieldNames = ['name', 'email', 'password', 'role_id'] as const;
const blank: Values = { name: '', email: '', password: '', role_id: '' };

export function CreateUserDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT();
  const create = useCreateUser();
  const roles = useRoleOptions(open);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(createUserSchema),
    defaultValues: blank,
  });
  const { errors, isSubmitting } = form.formState;

  // New users are agents unless the admin picks otherwise: most people added are agents.
  const agentRoleId = roles.data?.find((role) => role.key === 'agent')?.id;
  useEffect(() => {
    if (open && agentRoleId && !form.getValues('role_id')) form.setValue('role_id', agentRoleId);
  }, [open, agentRoleId, form]);

  const close = (next: boolean) => {
    if (isSubmitting) return;
    if (!next) {
      form.reset(blank);
      setFormError(null);
    }
    onOpenChange(next);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const user = await create.mutateAsync(values);
      toast.success(t('users.createdToast', { name: user.name }));
      close(false);
    } catch (error) {
      if (applyServerFieldErrors(error, form.setError, fieldNames)) return;
      setFormError(limitReachedMessage(error, t) ?? errorMessage(error, t));
    }
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('users.createTitle')}</DialogTitle>
          <DialogDescription>{t('users.createDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <fieldset disabled={isSubmitting} className="grid min-w-0 gap-4">
            <FormField label={t('users.fields.name')} error={errors.name?.message} required>
              <Input autoComplete="off" autoFocus {...form.register('name')} />
            </FormField>
            <FormField label={t('users.fields.email')} error={errors.email?.message} required>
              <Input type="email" autoComplete="off" {...form.register('email')} />
            </FormField>
            <FormField
              label={t('users.fields.password')}
              error={errors.password?.message}
              description={t('users.fields.passwordHint')}
              required
            >
              <PasswordInput autoComplete="new-password" {...form.register('password')} />
            </FormField>
            <FormField label={t('users.fields.role')} error={errors.role_id?.message} required>
              {(control) => (
                <Controller
                  control={form.control}
                  name="role_id"
                  render={({ field }) => (
                    <RoleSelect
                      control={control}
                      roles={roles.data}
                      value={field.value}
                      onChange={field.onChange}
                      disabled={isSubmitting}
                    />
                  )}
                />
              )}
            </FormField>
          </fieldset>
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)} disabled={isSubmitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('users.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
