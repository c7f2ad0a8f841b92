'use client';

import { penaltySchema, type QueueMember } from '@switchboard/contracts';
import { useState } from 'react';
import { toast } from 'sonner';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useSetMemberPenalty } from '../queries';

/** Edited in the row: saved when the field loses focus or Enter is pressed, if it changed. */
export function PenaltyInput({ queueId, member, disabled }: { queueId: string; member: QueueMember; disabled?: boolean }) {
  const t = useT();
  const save = useSetMemberPenalty(queueId);
  const [value, setValue] = useState(String(member.penalty));
  const [error, setError] = useState<string | null>(null);

  const commit = async () => {
    const parsed = penaltySchema.safeParse(Number(value));
    if (value.trim() === '' || !parsed.success) {
      setError(t('queues.members.penaltyRange'));
      return;
    }
    setError(null);
    if (parsed.data === member.penalty) return;
    try {
      await save.mutateAsync({ userId: member.user_id, penalty: parsed.data });
      toast.success(t('queues.members.penaltySaved', { name: member.user_name }));
    } catch (failure) {
      setValue(String(member.penalty));
      toast.error(errorMessage(failure, t));
    }
  };

  return (
    <div className="flex items-center gap-2">
      <Input
        type="number"
        min={0}
        max={10}
        value={value}
        disabled={disabled || save.isPending}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void commit();
        }}
        aria-label={t('queues.members.penaltyFor', { name: member.user_name })}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        className="w-20"
      />
      {save.isPending ? <Spinner /> : null}
    </div>
  );
}
