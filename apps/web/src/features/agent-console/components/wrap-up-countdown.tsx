'use client';

import { Timer } from 'lucide-react';
import { Progress } from '@/components/ui/progress';
import { useFormat, useT } from '@/lib/i18n';
import { useNow } from '@/features/calls/live-sync';

/** Time left in wrap-up; the router makes the agent available again when it runs out. */
export function WrapUpCountdown({ since, until }: { since: string; until: string }) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  const total = Math.max(1, (Date.parse(until) - Date.parse(since)) / 1000);
  const left = Math.max(0, (Date.parse(until) - now) / 1000);
  return (
    <div className="grid gap-2 rounded-xl border bg-warning/10 p-4" data-testid="wrap-up">
      <div className="flex items-center justify-between gap-3">
        <p className="flex items-center gap-2 font-medium">
          <Timer className="size-4" aria-hidden="true" />
          {t('agentConsole.wrapUp.title')}
        </p>
        <span className="font-mono text-xl font-semibold tabular-nums" aria-live="off">
          {format.duration(left)}
        </span>
      </div>
      <Progress value={left} max={total} tone="warning" aria-label={t('agentConsole.wrapUp.left')} />
      <p className="text-sm text-muted-foreground">{t('agentConsole.wrapUp.hint')}</p>
    </div>
  );
}
