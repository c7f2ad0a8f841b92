import type { Metadata } from 'next';
import { QueuesListView } from '@/features/queues/components/queues-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Queues' };

export default function Page() {
  return (
    <RequireAccess permission="queues.read" feature="voice">
      <QueuesListView />
    </RequireAccess>
  );
}
