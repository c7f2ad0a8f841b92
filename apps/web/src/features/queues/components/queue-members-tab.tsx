'use client';

import type { QueueMember } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Trash2, Users } from 'lucide-react';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DataTable } from '@/components/ui/data-table';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useQueueMembers, useRemoveMember, useReplaceMembers } from '../queries';
import { AddMembersDialog } from './add-members-dialog';
import { PenaltyInput } from './penalty-input';

/** Members of one queue: add users, change penalties in place, remove, or change many at once. */
export function QueueMembersTab({ queueId }: { queueId: string }) {
  const t = useT();
  const canWrite = usePermission('queues.write');
  const members = useQueueMembers(queueId);
  const remove = useRemoveMember(queueId);
  const replace = useReplaceMembers(queueId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkPenalty, setBulkPenalty] = useState('0');
  const rows = members.data;
  const allSelected = Boolean(rows && rows.length > 0 && rows.every((m) => selected.has(m.user_id)));

  const toggle = (userId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  const onRemove = async (member: QueueMember) => {
    try {
      await remove.mutateAsync(member.user_id);
      toggle(member.user_id, false);
      toast.success(t('queues.members.removed', { name: member.user_name }));
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };

  /** Bulk edits send the complete list back (PUT), so the server applies them in one change. */
  const applyBulk = async (change: 'penalty' | 'remove') => {
    if (!rows) return;
    const penalty = Number(bulkPenalty);
    const next = rows
      .filter((m) => change !== 'remove' || !selected.has(m.user_id))
      .map((m) => ({
        user_id: m.user_id,
        penalty: change === 'penalty' && selected.has(m.user_id) ? penalty : m.penalty,
      }));
    try {
      await replace.mutateAsync({ members: next });
      toast.success(t('queues.members.bulkSaved', { count: selected.size }));
      setSelected(new Set());
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };

  const columns = useMemo<ColumnDef<QueueMember, unknown>[]>(() => {
    const base: ColumnDef<QueueMember, unknown>[] = [
      {
        id: 'user',
        header: t('queues.members.user'),
        cell: ({ row }) => (
          <span className="grid">
            <span className="font-medium">{row.original.user_name}</span>
            <span className="text-xs text-muted-foreground">{row.original.user_email}</span>
          </span>
        ),
      },
      {
        id: 'status',
        header: t('queues.members.status'),
        cell: ({ row }) =>
          row.original.user_status === 'active' ? (
            <Badge variant="success">{t('queues.members.active')}</Badge>
          ) : (
            <Badge variant="secondary">{t('queues.members.inactive')}</Badge>
          ),
      },
      {
        id: 'penalty',
        header: t('queues.members.penalty'),
        size: 140,
        cell: ({ row }) => (
          <PenaltyInput queueId={queueId} member={row.original} disabled={!canWrite} />
        ),
      },
    ];
    if (!canWrite) return base;
    return [
      {
        id: 'select',
        size: 40,
        header: () => (
          <Checkbox
            checked={allSelected}
            onCheckedChange={(on) => setSelected(on && rows ? new Set(rows.map((m) => m.user_id)) : new Set())}
            aria-label={t('queues.members.selectAll')}
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            checked={selected.has(row.original.user_id)}
            onCheckedChange={(on) => toggle(row.original.user_id, on === true)}
            aria-label={t('queues.members.select', { name: row.original.user_name })}
          />
        ),
      },
      ...base,
      {
        id: 'actions',
        size: 60,
        header: () => <span className="sr-only">{t('queues.members.actions')}</span>,
        cell: ({ row }) => (
          <Button
            variant="ghost"
            size="icon-sm"
            onClick={() => void onRemove(row.original)}
            aria-label={t('queues.members.remove', { name: row.original.user_name })}
          >
            <Trash2 aria-hidden="true" />
          </Button>
        ),
      },
    ];
  }, [t, canWrite, selected, allSelected, rows, queueId]);

  const addButton = canWrite ? (
    <AddMembersDialog queueId={queueId} existing={new Set(rows?.map((m) => m.user_id) ?? [])} />
  ) : null;

  return (
    <DataTable
      caption={t('queues.tabs.members')}
      columns={columns}
      data={rows}
      getRowId={(row) => row.user_id}
      loading={members.isPending}
      error={members.error}
      onRetry={() => void members.refetch()}
      toolbar={
        canWrite ? (
          <div className="flex w-full flex-wrap items-center justify-between gap-2">
            {selected.size > 0 ? (
              <div className="flex flex-wrap items-center gap-2" aria-live="polite">
                <span className="text-sm">{t('queues.members.selected', { count: selected.size })}</span>
                <Input
                  type="number"
                  min={0}
                  max={10}
                  value={bulkPenalty}
                  onChange={(event) => setBulkPenalty(event.target.value)}
                  className="w-20"
                  aria-label={t('queues.members.bulkPenalty')}
                />
                <Button size="sm" variant="outline" loading={replace.isPending} onClick={() => void applyBulk('penalty')}>
                  {t('queues.members.setPenalty')}
                </Button>
                <Button size="sm" variant="outline" loading={replace.isPending} onClick={() => void applyBulk('remove')}>
                  {t('queues.members.removeSelected')}
                </Button>
              </div>
            ) : (
              <span className="text-sm text-muted-foreground">{t('queues.members.hint')}</span>
            )}
            {addButton}
          </div>
        ) : undefined
      }
      empty={{
        icon: Users,
        title: t('queues.members.empty'),
        description: t('queues.members.emptyDescription'),
        action: addButton,
      }}
    />
  );
}
