'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { createRoleSchema, type PermissionInfo, type Role } from '@switchboard/contracts';
import { ArrowLeft, KeyRound, Lock } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage, isApiError } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useCreateRole, usePermissionCatalog, useRole, useUpdateRole } from '../queries';
import { PermissionPicker } from './permission-picker';
import { applyServerFieldErrors } from '@/features/users/server-errors';

type Values = z.input<typeof createRoleSchema>;
type Parsed = z.output<typeof createRoleSchema>;
const fieldNames = ['name', 'description', 'permissions'] as const;

/** `/roles/new` (id null) and `/roles/[id]`: one form for creating and editing a custom role. */
export function RoleEditorView({ id }: { id: string | null }) {
  const t = useT();
  const role = useRole(id);
  const catalog = usePermissionCatalog();
  useBreadcrumbs([{ label: id ? (role.data?.name ?? '…') : t('roles.create') }]);

  const backButton = (
    <Button asChild variant="outline">
      <Link href="/roles">
        <ArrowLeft aria-hidden="true" />
        {t('roles.backToList')}
      </Link>
    </Button>
  );
  const error = role.error ?? catalog.error;
  if (error) {
    return isApiError(error, 'NOT_FOUND') ? (
      <EmptyState icon={KeyRound} title={t('roles.notFound')} action={backButton} />
    ) : (
      <ErrorState
        error={error}
        onRetry={() => {
          void role.refetch();
          void catalog.refetch();
        }}
      />
    );
  }
  if ((id && role.isPending) || catalog.isPending) {
    return (
      <div className="grid gap-6" aria-busy="true">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-40" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  return <RoleForm role={role.data ?? null} catalog={catalog.data ?? []} backButton={backButton} />;
}

function RoleForm({
  role,
  catalog,
  backButton,
}: {
  role: Role | null;
  catalog: PermissionInfo[];
  backButton: ReactNode;
}) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('roles.write');
  const create = useCreateRole();
  const update = useUpdateRole(role?.id ?? '');
  const [formError, setFormError] = useState<string | null>(null);
  const readOnly = !canWrite || Boolean(role?.system);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(createRoleSchema),
    values: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? [],
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const disabled = readOnly || isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const input = { ...values, description: values.description?.trim() ? values.description : null };
    try {
      if (role) {
        await update.mutateAsync(input);
        toast.success(t('roles.savedToast', { name: input.name }));
      } else {
        const created = await create.mutateAsync(input);
        toast.success(t('roles.createdToast', { name: created.name }));
        router.push(`/roles/${created.id}`);
      }
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, fieldNames)) setFormError(errorMessage(error, t));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6">
      <PageHeader
        className="pb-0"
        title={role ? role.name : t('roles.createTitle')}
        description={role ? t('roles.heldBy', { count: role.user_count }) : t('roles.createDescription')}
        actions={backButton}
      />
      {role?.system ? (
        <div className="flex items-center gap-3 rounded-lg border bg-muted/40 px-4 py-3 text-sm text-muted-foreground">
          <Lock className="size-4 shrink-0" aria-hidden="true" />
          {t('roles.systemReadOnly')}
        </div>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('roles.detailsTitle')}</CardTitle>
        </CardHeader>
        <CardContent className="grid items-start gap-4 md:grid-cols-2">
          <FormField label={t('roles.fields.name')} error={errors.name?.message} required>
            <Input disabled={disabled} {...form.register('name')} />
          </FormField>
          <FormField label={t('roles.fields.description')} error={errors.description?.message}>
            <Textarea rows={2} disabled={disabled} {...form.register('description')} />
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('roles.permissionsTitle')}</CardTitle>
          <CardDescription>{t('roles.permissionsDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Controller
            control={form.control}
            name="permissions"
            render={({ field }) => (
              <PermissionPicker
                catalog={catalog}
                value={field.value}
                onChange={field.onChange}
                disabled={disabled}
              />
            )}
          />
          {errors.permissions?.message ? (
            <p role="alert" className="text-xs font-medium text-destructive">
              {errors.permissions.message}
            </p>
          ) : null}
          <FormError message={formError} />
        </CardContent>
        {readOnly ? null : (
          <CardFooter className="justify-end">
            <Button type="submit" loading={isSubmitting} disabled={Boolean(role) && !isDirty}>
              {role ? t('common.save') : t('roles.createSubmit')}
            </Button>
          </CardFooter>
        )}
      </Card>
    </form>
  );
}
