'use client';

import {
  agentStates,
  PHONE_UNREACHABLE_REASON,
  type AgentListItem,
  type AgentStateName,
} from '@switchboard/contracts';
import { PhoneOff, Users } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { agentStateDots, agentStateLabels } from '@/features/calls/labels';
import { secondsSince, useNow } from '@/features/calls/live-sync';

/** Busy first, offline last: what a supervisor scans for. */
const order: AgentStateName[] = ['ringing', 'on_call', 'wrap_up', 'available', 'paused', 'away', 'offline'];

const cardTone: Record<AgentStateName, string> = {
  ringing: 'border-primary/60 bg-primary/10',
  on_call: 'border-destructive/50 bg-destructive/10',
  wrap_up: 'border-warning/60 bg-warning/10',
  available: 'border-success/50 bg-success/10',
  paused: 'border-border bg-muted/60',
  away: 'border-border bg-muted/40',
  offline: 'border-border bg-transparent opacity-60',
};

type AgentGridProps = {
  agents: AgentListItem[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
};

export function AgentGrid({ agents, loading, error, onRetry }: AgentGridProps) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  if (loading) return <Skeleton className="h-40 w-full rounded-xl" />;
  if (error && !agents) return <ErrorState error={error} onRetry={onRetry} />;
  if (!agents?.length)
    return (
      <EmptyState
        icon={Users}
        title={t('wallboard.noAgents')}
        description={t('wallboard.noAgentsDescription')}
      />
    );

  const sorted = [...agents].sort(
    (a, b) => order.indexOf(a.state) - order.indexOf(b.state) || a.name.localeCompare(b.name),
  );
  const counts = Object.fromEntries(
    agentStates.map((s) => [s, agents.filter((a) => a.state === s).length]),
  ) as Record<AgentStateName, number>;

  return (
    <div className="grid gap-4">
      <ul className="flex flex-wrap gap-2" aria-label={t('wallboard.agentsByState')}>
        {order.map((state) => (
          <li
            key={state}
            className="flex items-center gap-2 rounded-full border px-3 py-1 text-sm"
            data-testid={`agents-${state}`}
          >
            <span className={cn('size-2.5 rounded-full', agentStateDots[state])} aria-hidden="true" />
            {t(agentStateLabels[state])}
            <span className="font-mono font-semibold tabular-nums">{format.number(counts[state])}</span>
          </li>
        ))}
      </ul>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3">
        {sorted.map((agent) => (
          <li
            key={agent.user_id}
            className={cn('grid gap-1 rounded-lg border p-3', cardTone[agent.state])}
            data-testid="agent-card"
            data-state={agent.state}
          >
            <p className="truncate text-lg font-semibold">{agent.name}</p>
            <p className="flex items-center justify-between gap-2 text-sm">
              <span className="flex items-center gap-2">
                <span
                  className={cn('size-2.5 rounded-full', agentStateDots[agent.state])}
                  aria-hidden="true"
                />
                {t(agentStateLabels[agent.state])}
              </span>
              {agent.state === 'offline' ? null : (
                <span className="font-mono tabular-nums text-muted-foreground">
                  {format.duration(secondsSince(agent.since, now))}
                </span>
              )}
            </p>
            {agent.phone_unreachable ||
            (agent.state === 'paused' && agent.reason_id === PHONE_UNREACHABLE_REASON) ? (
              <p
                className="flex items-center gap-1.5 text-sm font-medium text-destructive"
                title={t('wallboard.phoneUnreachableHint')}
                data-testid="agent-phone-unreachable"
              >
                <PhoneOff className="size-4" aria-hidden="true" />
                {t('wallboard.phoneUnreachable')}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
