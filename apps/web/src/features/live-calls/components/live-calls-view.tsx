'use client';

import type { CallRecord } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { PhoneCall } from 'lucide-react';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { useSession } from '@/lib/auth';
import { useFormat, useT } from '@/lib/i18n';
import { CallStatusBadge, SimulatedBadge } from '@/features/calls/components/call-badges';
import { ConnectionIndicator } from '@/features/calls/components/connection-indicator';
import { RealtimeBoundary } from '@/features/calls/components/realtime-boundary';
import { TelephonyStatusBadge } from '@/features/calls/components/telephony-status-badge';
import { secondsSince, useLiveCallsSync, useNow } from '@/features/calls/live-sync';
import { useLiveCalls } from '@/features/calls/queries';
import { SuperviseActions } from './supervise-actions';

export function LiveCallsView() {
  return (
    <RealtimeBoundary>
      <LiveCalls />
    </RealtimeBoundary>
  );
}

/** Talking time once answered, otherwise time since the call came in. */
function CallDuration({ call }: { call: CallRecord }) {
  const format = useFormat();
  const now = useNow();
  return (
    <span className="font-mono tabular-nums">
      {format.duration(secondsSince(call.answered_at ?? call.entered_at, now))}
    </span>
  );
}

function LiveCalls() {
  const t = useT();
  const user = useSession();
  const calls = useLiveCalls();
  useLiveCallsSync(`supervisor:${user.tenant_id}`);

  const columns = useMemo<ColumnDef<CallRecord, unknown>[]>(
    () => [
      {
        id: 'caller',
        header: t('calls.fields.caller'),
        cell: ({ row }) => (
          <div className="grid">
            <span className="font-mono font-medium">
              {row.original.caller_number ?? t('calls.unknownCaller')}
            </span>
            {row.original.caller_name ? (
              <span className="text-xs text-muted-foreground">{row.original.caller_name}</span>
            ) : null}
          </div>
        ),
      },
      {
        id: 'state',
        header: t('calls.fields.state'),
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            <CallStatusBadge status={row.original.status} />
            {row.original.on_hold ? <Badge variant="warning">{t('calls.flags.onHold')}</Badge> : null}
            {row.original.muted ? <Badge variant="secondary">{t('calls.flags.muted')}</Badge> : null}
            {row.original.recording ? (
              <Badge variant="destructive">{t('calls.flags.recording')}</Badge>
            ) : null}
            {row.original.simulated ? <SimulatedBadge /> : null}
          </div>
        ),
      },
      { id: 'queue', header: t('calls.fields.queue'), cell: ({ row }) => row.original.queue_name ?? '—' },
      {
        id: 'agent',
        header: t('calls.fields.agent'),
        // The agent on the call now; after a transfer, also who answered it first.
        cell: ({ row }) => {
          const c = row.original;
          const now = c.current_agent_user_id ? c.current_agent_name : c.agent_name;
          const transferred =
            c.current_agent_user_id && c.agent_user_id && c.current_agent_user_id !== c.agent_user_id;
          return (
            <div className="grid">
              <span>{now ?? '—'}</span>
              {transferred && c.agent_name ? (
                <span className="text-xs text-muted-foreground">
                  {t('calls.segments.answeredBy', { name: c.agent_name })}
                </span>
              ) : null}
            </div>
          );
        },
      },
      {
        id: 'did',
        header: t('calls.fields.did'),
        cell: ({ row }) => (
          <span className="font-mono text-xs">{row.original.did ?? row.original.callee_number ?? '—'}</span>
        ),
      },
      {
        id: 'duration',
        header: t('calls.fields.duration'),
        cell: ({ row }) => <CallDuration call={row.original} />,
      },
      {
        id: 'actions',
        size: 56,
        header: () => <span className="sr-only">{t('liveCalls.actions')}</span>,
        cell: ({ row }) => (
          <div className="flex justify-end">
            <SuperviseActions call={row.original} />
          </div>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="grid gap-4">
      <PageHeader
        title={t('liveCalls.title')}
        description={t('liveCalls.description')}
        actions={
          <>
            <ConnectionIndicator />
            <TelephonyStatusBadge />
          </>
        }
        className="pb-2"
      />
      <DataTable
        caption={t('liveCalls.title')}
        columns={columns}
        data={calls.data}
        getRowId={(row) => row.id}
        loading={calls.isLoading}
        error={calls.error}
        onRetry={() => void calls.refetch()}
        empty={{ icon: PhoneCall, title: t('liveCalls.empty'), description: t('liveCalls.emptyDescription') }}
        toolbar={<LiveCount count={calls.data?.length ?? 0} />}
      />
    </div>
  );
}

function LiveCount({ count }: { count: number }) {
  const t = useT();
  const format = useFormat();
  return (
    <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="live-call-count">
      {t('liveCalls.count', { count: format.number(count) })}
    </p>
  );
}
