'use client';

import { BellRing, PhoneIncoming } from 'lucide-react';
import { useFormat, useT } from '@/lib/i18n';
import { SimulatedBadge } from '@/features/calls/components/call-badges';
import { secondsSince, useNow } from '@/features/calls/live-sync';

export type OfferedCall = {
  call_id: string;
  caller_number: string | null;
  did: string | null;
  queue_name: string | null;
  queued_at: string | null;
  simulated: boolean;
};

/** A call offered to this agent: who calls, on which number, from which queue, waiting how long. */
export function IncomingCallBanner({ call }: { call: OfferedCall }) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  return (
    <section
      role="alert"
      aria-live="assertive"
      data-testid="incoming-call"
      className="flex flex-col gap-4 rounded-xl border-2 border-primary bg-primary/8 p-5 shadow-md sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="flex items-start gap-4">
        <div className="flex size-12 shrink-0 animate-pulse items-center justify-center rounded-full bg-primary text-primary-foreground">
          <PhoneIncoming className="size-6" aria-hidden="true" />
        </div>
        <div className="grid gap-1">
          <p className="text-sm font-medium text-primary">{t('agentConsole.incoming.title')}</p>
          <p className="font-mono text-2xl font-semibold tabular-nums">
            {call.caller_number ?? t('calls.unknownCaller')}
          </p>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
            <div className="flex gap-1">
              <dt>{t('calls.fields.did')}:</dt>
              <dd className="font-mono">{call.did ?? '—'}</dd>
            </div>
            <div className="flex gap-1">
              <dt>{t('calls.fields.queue')}:</dt>
              <dd>{call.queue_name ?? '—'}</dd>
            </div>
            {call.queued_at ? (
              <div className="flex gap-1">
                <dt>{t('calls.fields.waited')}:</dt>
                <dd className="font-mono tabular-nums">
                  {format.duration(secondsSince(call.queued_at, now))}
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      </div>
      <div className="flex flex-col items-start gap-2 sm:items-end">
        {call.simulated ? <SimulatedBadge /> : null}
        <p className="flex items-center gap-2 text-sm font-medium">
          <BellRing className="size-4" aria-hidden="true" />
          {t('agentConsole.incoming.answerOnPhone')}
        </p>
      </div>
    </section>
  );
}
