import type { Metadata } from 'next';
import { Suspense } from 'react';
import { QueueDetailView } from '@/features/queues/components/queue-detail-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Queue' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="queues.read" feature="voice">
      <Suspense>
        <QueueDetailView id={id} />
      </Suspense>
    </RequireAccess>
  );
}
