'use client';

import type { User } from '@switchboard/contracts';
import { MoreHorizontal, Pencil, Power, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useDeleteUser, useSetUserStatus } from '../queries';

type Pending = 'status' | 'delete' | null;

/** Edit, enable/disable and delete for one row; the risky two ask first. */
export function UserRowActions({ user, canWrite }: { user: User; canWrite: boolean }) {
  const t = useT();
  const session = useSession();
  const [pending, setPending] = useState<Pending>(null);
  const setStatus = useSetUserStatus();
  const remove = useDeleteUser();
  const isSelf = session.id === user.id;
  // The API refuses acting on a user who holds permissions the viewer lacks.
  const canManage = canWrite && user.manageable !== false;
  const nextStatus = user.status === 'active' ? 'disabled' : 'active';

  const toggleStatus = async () => {
    try {
      await setStatus.mutateAsync({ id: user.id, status: nextStatus });
      toast.success(
        t(nextStatus === 'active' ? 'users.enabledToast' : 'users.disabledToast', { name: user.name }),
      );
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  const deleteUser = async () => {
    try {
      await remove.mutateAsync(user.id);
      toast.success(t('users.deletedToast', { name: user.name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="flex justify-end" onClick={(event) => event.stopPropagation()}>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={t('users.actionsFor', { name: user.name })}>
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={`/users/${user.id}`}>
              <Pencil aria-hidden="true" />
              {canManage ? t('users.edit') : t('users.view')}
            </Link>
          </DropdownMenuItem>
          {canManage && !isSelf ? (
            <>
              <DropdownMenuItem onSelect={() => setPending('status')}>
                <Power aria-hidden="true" />
                {user.status === 'active' ? t('users.disable') : t('users.enable')}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => setPending('delete')}>
                <Trash2 aria-hidden="true" />
                {t('users.delete')}
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={pending === 'status'}
        onOpenChange={(open) => setPending(open ? 'status' : null)}
        title={t(user.status === 'active' ? 'users.disableTitle' : 'users.enableTitle', { name: user.name })}
        description={t(user.status === 'active' ? 'users.disableDescription' : 'users.enableDescription')}
        confirmLabel={user.status === 'active' ? t('users.disable') : t('users.enable')}
        destructive={user.status === 'active'}
        onConfirm={toggleStatus}
      />
      <ConfirmDialog
        open={pending === 'delete'}
        onOpenChange={(open) => setPending(open ? 'delete' : null)}
        title={t('users.deleteTitle', { name: user.name })}
        description={t('users.deleteDescription')}
        confirmLabel={t('users.delete')}
        destructive
        onConfirm={deleteUser}
      />
    </div>
  );
}
