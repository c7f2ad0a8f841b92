'use client';

import type { AgentStateName, CallRecord } from '@switchboard/contracts';
import { FlaskConical } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import {
  agentStateDots,
  agentStateLabels,
  agentStateTones,
  callStatusLabels,
  callStatusTones,
} from '../labels';

export function CallStatusBadge({ status }: { status: CallRecord['status'] }) {
  const t = useT();
  return <Badge variant={callStatusTones[status]}>{t(callStatusLabels[status])}</Badge>;
}

export function AgentStateBadge({ state, className }: { state: AgentStateName; className?: string }) {
  const t = useT();
  return (
    <Badge variant={agentStateTones[state]} className={className}>
      <span className={cn('size-2 rounded-full', agentStateDots[state])} aria-hidden="true" />
      {t(agentStateLabels[state])}
    </Badge>
  );
}

/** Calls placed by the demo PBX are labelled so nobody mistakes them for customers. */
export function SimulatedBadge() {
  const t = useT();
  return (
    <Badge variant="warning" title={t('calls.simulatedHint')}>
      <FlaskConical aria-hidden="true" />
      {t('calls.simulated')}
    </Badge>
  );
}
