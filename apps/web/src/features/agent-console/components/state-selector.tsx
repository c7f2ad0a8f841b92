'use client';

import { PHONE_UNREACHABLE_REASON } from '@switchboard/contracts';
import type { AgentStateView, PauseReason, SetAgentStateInput } from '@switchboard/contracts';
import { toast } from 'sonner';
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api/errors';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { AgentStateBadge } from '@/features/calls/components/call-badges';
import { agentStateDots } from '@/features/calls/labels';
import { secondsSince, useNow } from '@/features/calls/live-sync';
import { usePauseReasons, useSetMyAgentState } from '../queries';

/** Select values: a plain state, or `paused:<reason id>` for a pause with its reason. */
const pausedPrefix = 'paused:';

function toValue(state: AgentStateView): string {
  if (state.state === 'paused') return state.reason_id ? `${pausedPrefix}${state.reason_id}` : 'paused';
  return state.state;
}

function toInput(value: string): SetAgentStateInput {
  if (value.startsWith(pausedPrefix)) return { state: 'paused', reason_id: value.slice(pausedPrefix.length) };
  return { state: value as SetAgentStateInput['state'] };
}

/** Set by the call router, not by the agent: shown, but the selector is locked while they last. */
const routerStates = new Set(['ringing', 'on_call']);

export function StateSelector({ state }: { state: AgentStateView }) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  const reasons = usePauseReasons();
  const setState = useSetMyAgentState();
  const locked = routerStates.has(state.state);
  const reasonName = (id: string | null) => reasons.data?.find((r: PauseReason) => r.id === id)?.name;

  const change = (value: string) => {
    setState.mutate(toInput(value), {
      onError: (error) => toast.error(errorMessage(error, t)),
    });
  };

  const value = locked || state.state === 'wrap_up' ? '' : toValue(state);

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <AgentStateBadge state={state.state} className="px-3 py-1 text-sm" />
        {state.state === 'paused' && state.reason_id === PHONE_UNREACHABLE_REASON ? (
          <span className="text-sm text-destructive" role="status" data-testid="phone-unreachable">
            {t('agentConsole.phoneUnreachable')}
          </span>
        ) : null}
        {state.state === 'paused' && reasonName(state.reason_id) ? (
          <span className="text-sm text-muted-foreground">{reasonName(state.reason_id)}</span>
        ) : null}
        <span
          className="font-mono text-sm tabular-nums text-muted-foreground"
          aria-label={t('agentConsole.timeInState')}
        >
          {format.duration(secondsSince(state.since, now))}
        </span>
      </div>
      <Select value={value} onValueChange={change} disabled={locked || setState.isPending}>
        <SelectTrigger
          aria-label={t('agentConsole.changeState')}
          className="sm:max-w-xs"
          data-testid="agent-state-select"
        >
          <SelectValue
            placeholder={locked ? t('agentConsole.lockedDuringCall') : t('agentConsole.chooseState')}
          />
        </SelectTrigger>
        <SelectContent>
          <StateItem value="available" state="available" label={t('calls.agentState.available')} />
          <SelectGroup>
            <SelectLabel>{t('calls.agentState.paused')}</SelectLabel>
            {reasons.data?.length ? (
              reasons.data.map((reason) => (
                <StateItem
                  key={reason.id}
                  value={`${pausedPrefix}${reason.id}`}
                  state="paused"
                  label={t('agentConsole.pausedWith', { reason: reason.name })}
                />
              ))
            ) : (
              <StateItem value="paused" state="paused" label={t('calls.agentState.paused')} />
            )}
          </SelectGroup>
          <StateItem value="away" state="away" label={t('calls.agentState.away')} />
          <StateItem value="offline" state="offline" label={t('calls.agentState.offline')} />
        </SelectContent>
      </Select>
      {state.state === 'wrap_up' ? (
        <p className="text-sm text-muted-foreground">{t('agentConsole.wrapUpHint')}</p>
      ) : null}
    </div>
  );
}

function StateItem({
  value,
  state,
  label,
}: {
  value: string;
  state: keyof typeof agentStateDots;
  label: string;
}) {
  return (
    <SelectItem value={value}>
      <span className="flex items-center gap-2">
        <span className={cn('size-2 rounded-full', agentStateDots[state])} aria-hidden="true" />
        {label}
      </span>
    </SelectItem>
  );
}

export function StateSelectorSkeleton() {
  return (
    <div className="grid gap-3">
      <Skeleton className="h-7 w-40" />
      <Skeleton className="h-9 w-full sm:max-w-xs" />
    </div>
  );
}
