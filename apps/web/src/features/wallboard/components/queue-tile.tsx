'use client';

import type { QueueStats } from '@switchboard/contracts';
import type { ReactNode } from 'react';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { secondsSince, useNow } from '@/features/calls/live-sync';

type Tone = 'neutral' | 'good' | 'warn' | 'bad';
const toneClass: Record<Tone, string> = {
  neutral: 'text-foreground',
  good: 'text-success',
  warn: 'text-warning',
  bad: 'text-destructive',
};

function Figure({
  label,
  value,
  tone = 'neutral',
  testId,
  hint,
}: {
  label: string;
  value: ReactNode;
  tone?: Tone;
  testId?: string;
  hint?: string;
}) {
  return (
    <div className="grid content-start gap-1 rounded-lg bg-muted/50 p-3" data-testid={testId}>
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd
        className={cn(
          'font-mono text-3xl leading-none font-semibold tabular-nums xl:text-4xl',
          toneClass[tone],
        )}
      >
        {value}
      </dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

/** One queue's figures for today, large enough to read from across the room. */
export function QueueTile({ stats }: { stats: QueueStats }) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  // The longest wait keeps growing between pushes: add the time since the figures were taken.
  const longest = stats.waiting > 0 ? stats.longest_wait_seconds + secondsSince(stats.as_of, now) : 0;
  const sl = stats.service_level_pct;
  const slTone: Tone = sl === null ? 'neutral' : sl >= 80 ? 'good' : sl >= 60 ? 'warn' : 'bad';
  const waitTone: Tone =
    stats.waiting === 0 ? 'neutral' : longest >= stats.service_level_seconds ? 'bad' : 'warn';
  const free = stats.agents.available ?? 0;
  const staffed = Object.entries(stats.agents).reduce(
    (sum, [state, n]) => (state === 'offline' ? sum : sum + n),
    0,
  );
  const dash = '—';

  return (
    <section
      className="grid gap-4 rounded-xl border bg-card p-5 shadow-xs"
      aria-labelledby={`queue-${stats.queue_id}`}
      data-testid="queue-tile"
      data-queue={stats.queue_name}
    >
      <header className="flex items-baseline justify-between gap-3">
        <h2 id={`queue-${stats.queue_id}`} className="truncate text-xl font-semibold">
          {stats.queue_name}
        </h2>
        <p className="text-sm text-muted-foreground">
          {t('wallboard.agentsFree', { free: format.number(free), staffed: format.number(staffed) })}
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure
          label={t('wallboard.waiting')}
          value={format.number(stats.waiting)}
          tone={waitTone}
          testId="stat-waiting"
        />
        <Figure
          label={t('wallboard.longestWait')}
          value={stats.waiting > 0 ? format.duration(longest) : dash}
          tone={waitTone}
          testId="stat-longest"
        />
        <Figure
          label={t('wallboard.answered')}
          value={format.number(stats.answered)}
          testId="stat-answered"
        />
        <Figure
          label={t('wallboard.abandoned')}
          value={format.number(stats.abandoned)}
          tone={stats.abandoned > 0 ? 'warn' : 'neutral'}
          testId="stat-abandoned"
          hint={
            stats.abandon_rate_pct === null
              ? undefined
              : t('wallboard.abandonRate', { rate: format.percent(stats.abandon_rate_pct / 100) })
          }
        />
        <Figure
          label={t('wallboard.serviceLevel')}
          value={sl === null ? dash : format.percent(sl / 100)}
          tone={slTone}
          testId="stat-sl"
          hint={t('wallboard.withinSeconds', { seconds: format.number(stats.service_level_seconds) })}
        />
        <Figure
          label={t('wallboard.asa')}
          value={stats.asa_seconds === null ? dash : format.duration(stats.asa_seconds)}
          testId="stat-asa"
        />
        <Figure
          label={t('wallboard.aht')}
          value={stats.aht_seconds === null ? dash : format.duration(stats.aht_seconds)}
          testId="stat-aht"
        />
        <Figure label={t('wallboard.offered')} value={format.number(stats.offered)} testId="stat-offered" />
      </dl>
    </section>
  );
}
