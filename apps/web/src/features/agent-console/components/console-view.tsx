'use client';

import { Headset, PhoneCall } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { ConnectionIndicator } from '@/features/calls/components/connection-indicator';
import { RealtimeBoundary } from '@/features/calls/components/realtime-boundary';
import { TelephonyStatusBadge } from '@/features/calls/components/telephony-status-badge';
import { useMyAgentState } from '../queries';
import { ClickToCall } from './click-to-call';
import { CurrentCallCard } from './current-call-card';
import { IncomingCallBanner } from './incoming-call-banner';
import { StateSelector, StateSelectorSkeleton } from './state-selector';
import { useConsoleCalls } from './use-console-calls';
import { WrapUpCountdown } from './wrap-up-countdown';

export function ConsoleView() {
  return (
    <RealtimeBoundary>
      <Console />
    </RealtimeBoundary>
  );
}

function Console() {
  const t = useT();
  const user = useSession();
  const state = useMyAgentState();
  const calls = useConsoleCalls(user.id, state.data);
  const busy = state.data?.state === 'ringing' || state.data?.state === 'on_call';

  return (
    <div className="grid gap-6">
      <PageHeader
        title={t('agentConsole.title')}
        description={t('agentConsole.description')}
        actions={
          <>
            <ConnectionIndicator />
            <TelephonyStatusBadge />
          </>
        }
        className="pb-0"
      />
      {calls.offer ? <IncomingCallBanner call={calls.offer} /> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('agentConsole.stateTitle')}</CardTitle>
              <CardDescription>{t('agentConsole.stateDescription')}</CardDescription>
            </CardHeader>
            <CardContent data-testid="agent-state" data-state={state.data?.state}>
              {state.data ? (
                <StateSelector state={state.data} />
              ) : state.error ? (
                <ErrorState error={state.error} onRetry={() => void state.refetch()} className="py-4" />
              ) : (
                <StateSelectorSkeleton />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('agentConsole.dial.title')}</CardTitle>
            </CardHeader>
            <CardContent>
              <ClickToCall disabled={busy} />
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          {state.data?.state === 'wrap_up' && state.data.wrapup_until ? (
            <WrapUpCountdown since={state.data.since} until={state.data.wrapup_until} />
          ) : null}
          <CallArea calls={calls} />
        </div>
      </div>
    </div>
  );
}

function CallArea({ calls }: { calls: ReturnType<typeof useConsoleCalls> }) {
  const t = useT();
  if (calls.current?.data) return <CurrentCallCard call={calls.current.data} consulting={calls.consulting} />;
  if (calls.current?.error)
    return (
      <Card>
        <ErrorState error={calls.current.error} onRetry={() => void calls.current?.refetch()} />
      </Card>
    );
  if (calls.current?.isLoading) return <Skeleton className="h-48 w-full rounded-xl" />;
  return (
    <Card>
      <EmptyState
        icon={calls.offer ? PhoneCall : Headset}
        title={t('agentConsole.noCall')}
        description={t('agentConsole.noCallDescription')}
      />
    </Card>
  );
}
