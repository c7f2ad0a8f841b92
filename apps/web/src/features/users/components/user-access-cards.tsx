'use client';

import type { User } from '@switchboard/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Switch } from '@/components/ui/switch';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useAssignRole, useDeleteUser, useRoleOptions, useSetUserStatus } from '../queries';
import { RoleSelect } from './role-select';

type CardProps = { user: User; canWrite: boolean; isSelf: boolean };

export function UserRoleCard({ user, canWrite, isSelf }: CardProps) {
  const t = useT();
  const roles = useRoleOptions();
  const assign = useAssignRole(user.id);
  const [roleId, setRoleId] = useState(user.role_id);
  const selected = roles.data?.find((role) => role.id === roleId);

  const save = async () => {
    try {
      const updated = await assign.mutateAsync(roleId);
      toast.success(t('users.roleChangedToast', { name: updated.name, role: updated.role_name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.roleTitle')}</CardTitle>
        <CardDescription>{isSelf ? t('users.roleSelfHint') : t('users.roleDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <FormField label={t('users.fields.role')}>
          {(control) => (
            <RoleSelect
              control={control}
              roles={roles.data}
              value={roleId}
              onChange={setRoleId}
              disabled={!canWrite || isSelf || assign.isPending}
            />
          )}
        </FormField>
        {selected?.description ? (
          <p className="text-xs text-muted-foreground">{selected.description}</p>
        ) : null}
      </CardContent>
      {canWrite && !isSelf ? (
        <CardFooter className="justify-end">
          <Button onClick={() => void save()} loading={assign.isPending} disabled={roleId === user.role_id}>
            {t('users.assignRole')}
          </Button>
        </CardFooter>
      ) : null}
    </Card>
  );
}

export function UserStatusCard({ user, canWrite, isSelf }: CardProps) {
  const t = useT();
  const router = useRouter();
  const setStatus = useSetUserStatus();
  const remove = useDeleteUser();
  const [confirming, setConfirming] = useState<'status' | 'delete' | null>(null);
  const active = user.status === 'active';
  const locked = !canWrite || isSelf;

  const toggle = async () => {
    try {
      await setStatus.mutateAsync({ id: user.id, status: active ? 'disabled' : 'active' });
      toast.success(t(active ? 'users.disabledToast' : 'users.enabledToast', { name: user.name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  const deleteUser = async () => {
    try {
      await remove.mutateAsync(user.id);
      toast.success(t('users.deletedToast', { name: user.name }));
      router.push('/users');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.accessTitle')}</CardTitle>
        <CardDescription>{isSelf ? t('users.accessSelfHint') : t('users.accessDescription')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <label className="flex items-center justify-between gap-4 text-sm">
          <span className="grid gap-0.5">
            <span className="font-medium">{t('users.canSignIn')}</span>
            <span className="text-xs text-muted-foreground">
              {active ? t('users.status.active') : t('users.status.disabled')}
            </span>
          </span>
          <Switch checked={active} disabled={locked} onCheckedChange={() => setConfirming('status')} />
        </label>
      </CardContent>
      {!locked ? (
        <CardFooter className="justify-between">
          <span className="text-xs text-muted-foreground">{t('users.deleteHint')}</span>
          <Button variant="outline" className="text-destructive" onClick={() => setConfirming('delete')}>
            {t('users.delete')}
          </Button>
        </CardFooter>
      ) : null}
      <ConfirmDialog
        open={confirming === 'status'}
        onOpenChange={(open) => setConfirming(open ? 'status' : null)}
        title={t(active ? 'users.disableTitle' : 'users.enableTitle', { name: user.name })}
        description={t(active ? 'users.disableDescription' : 'users.enableDescription')}
        confirmLabel={active ? t('users.disable') : t('users.enable')}
        destructive={active}
        onConfirm={toggle}
      />
      <ConfirmDialog
        open={confirming === 'delete'}
        onOpenChange={(open) => setConfirming(open ? 'delete' : null)}
        title={t('users.deleteTitle', { name: user.name })}
        description={t('users.deleteDescription')}
        confirmLabel={t('users.delete')}
        destructive
        onConfirm={deleteUser}
      />
    </Card>
  );
}
