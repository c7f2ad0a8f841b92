'use client';

import type { CallRecord } from '@switchboard/contracts';
import { Ear, Megaphone, MessageSquareMore, MoreHorizontal, PhoneOff } from 'lucide-react';
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
import { usePermission } from '@/lib/auth';
import { useT, type MessageKey } from '@/lib/i18n';
import { useCallAction } from '@/features/calls/queries';

type Mode = 'listen' | 'whisper' | 'barge';
type Pending = { kind: 'supervise'; mode: Mode } | { kind: 'hangup' } | null;

const modes: { mode: Mode; icon: typeof Ear; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'listen', icon: Ear, label: 'liveCalls.supervise.listen', hint: 'liveCalls.supervise.listenHint' },
  {
    mode: 'whisper',
    icon: MessageSquareMore,
    label: 'liveCalls.supervise.whisper',
    hint: 'liveCalls.supervise.whisperHint',
  },
  {
    mode: 'barge',
    icon: Megaphone,
    label: 'liveCalls.supervise.barge',
    hint: 'liveCalls.supervise.bargeHint',
  },
];

/** Listen, whisper, barge (the supervisor's own phone rings) and hang up, each confirmed first. */
export function SuperviseActions({ call }: { call: CallRecord }) {
  const t = useT();
  const canControl = usePermission('calls.control');
  const action = useCallAction();
  const [pending, setPending] = useState<Pending>(null);
  const withAgent = call.status === 'connected' && Boolean(call.agent_user_id);
  const chosen = pending?.kind === 'supervise' ? modes.find((m) => m.mode === pending.mode) : undefined;

  const confirm = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'hangup') {
        await action.mutateAsync({ id: call.id, action: { kind: 'hangup' } });
        toast.success(t('liveCalls.hungUp'));
      } else {
        await action.mutateAsync({ id: call.id, action: { kind: 'supervise', mode: pending.mode } });
        toast.success(t('liveCalls.supervise.ringing'));
      }
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('liveCalls.actionsFor', { caller: call.caller_number ?? t('calls.unknownCaller') })}
          >
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {modes.map(({ mode, icon: Icon, label }) => (
            <DropdownMenuItem
              key={mode}
              disabled={!withAgent}
              onSelect={() => setPending({ kind: 'supervise', mode })}
            >
              <Icon aria-hidden="true" />
              {t(label)}
            </DropdownMenuItem>
          ))}
          {canControl ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => setPending({ kind: 'hangup' })}>
                <PhoneOff aria-hidden="true" />
                {t('liveCalls.hangup')}
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={chosen ? t(chosen.label) : t('liveCalls.hangupTitle')}
        description={
          chosen
            ? `${t(chosen.hint)} ${t('liveCalls.supervise.phoneRings')}`
            : t('liveCalls.hangupDescription')
        }
        confirmLabel={chosen ? t('liveCalls.supervise.confirm') : t('liveCalls.hangup')}
        destructive={pending?.kind === 'hangup'}
        onConfirm={confirm}
      />
    </>
  );
}
