'use client';

import { FlaskConical, Maximize2, Minimize2, ListOrdered } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { hasPermission, useAuth, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { ConnectionIndicator } from '@/features/calls/components/connection-indicator';
import { RealtimeBoundary } from '@/features/calls/components/realtime-boundary';
import { TelephonyStatusBadge } from '@/features/calls/components/telephony-status-badge';
import { useAgentStateSync, useQueueStatsSync } from '@/features/calls/live-sync';
import { useAgents, useQueueStats, useTelephonyStatus } from '@/features/calls/queries';
import { AgentGrid } from './agent-grid';
import { QueueTile } from './queue-tile';

/** `kiosk`: the chrome-less, always-dark version for a wall screen. */
export function WallboardView({ kiosk = false }: { kiosk?: boolean }) {
  return (
    <RealtimeBoundary>
      <Wallboard kiosk={kiosk} />
    </RealtimeBoundary>
  );
}

function Wallboard({ kiosk }: { kiosk: boolean }) {
  const t = useT();
  const user = useSession();
  const { user: authUser } = useAuth();
  // The supervisor room needs calls.supervise or analytics.read; without it the figures are polled.
  const supervises = hasPermission(authUser, 'calls.supervise') || hasPermission(authUser, 'analytics.read');
  const room = supervises ? `supervisor:${user.tenant_id}` : null;
  const stats = useQueueStats({ poll: !supervises });
  const agents = useAgents();
  const telephony = useTelephonyStatus();
  useQueueStatsSync(room);
  useAgentStateSync(room);

  const toggle = (
    <Button variant="outline" size="sm" asChild>
      <Link href={kiosk ? '/wallboard' : '/wallboard-fullscreen'}>
        {kiosk ? <Minimize2 aria-hidden="true" /> : <Maximize2 aria-hidden="true" />}
        {t(kiosk ? 'wallboard.exitFullScreen' : 'wallboard.fullScreen')}
      </Link>
    </Button>
  );

  // A nested `.dark` does not re-resolve the base border colour (it is computed on :root), hence
  // the explicit border token for the kiosk's subtree.
  return (
    <div
      className={cn(
        'grid content-start gap-6',
        kiosk &&
          'dark min-h-dvh bg-background p-6 text-foreground [color-scheme:dark] lg:p-8 [&_*]:border-border',
      )}
    >
      <PageHeader
        title={t('wallboard.title')}
        description={kiosk ? undefined : t('wallboard.description')}
        actions={
          <>
            <ConnectionIndicator />
            <TelephonyStatusBadge />
            {toggle}
          </>
        }
        className={cn('pb-0', kiosk && '[&_h1]:text-4xl')}
      />
      {telephony.data?.simulated ? (
        <div
          role="status"
          className="flex items-center gap-3 rounded-xl border border-warning/50 bg-warning/10 px-4 py-3 text-sm"
          data-testid="simulated-banner"
        >
          <FlaskConical className="size-5 shrink-0" aria-hidden="true" />
          <span>{t('wallboard.simulatedBanner')}</span>
        </div>
      ) : null}
      <section aria-label={t('wallboard.queues')} className="grid gap-4 2xl:grid-cols-2">
        {stats.isLoading ? (
          <>
            <Skeleton className="h-64 w-full rounded-xl" />
            <Skeleton className="h-64 w-full rounded-xl" />
          </>
        ) : stats.error && !stats.data ? (
          <ErrorState
            error={stats.error}
            onRetry={() => void stats.refetch()}
            className="rounded-xl border bg-card"
          />
        ) : stats.data?.length ? (
          stats.data.map((q) => <QueueTile key={q.queue_id} stats={q} />)
        ) : (
          <EmptyState
            icon={ListOrdered}
            title={t('wallboard.noQueues')}
            description={t('wallboard.noQueuesDescription')}
            className="rounded-xl border bg-card"
          />
        )}
      </section>
      <section aria-labelledby="wallboard-agents" className="grid gap-3">
        <h2 id="wallboard-agents" className="text-xl font-semibold">
          {t('wallboard.agents')}
        </h2>
        <AgentGrid
          agents={agents.data}
          loading={agents.isLoading}
          error={agents.error}
          onRetry={() => void agents.refetch()}
        />
      </section>
    </div>
  );
}
