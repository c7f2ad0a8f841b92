import type { Metadata } from 'next';
import { QueueCreateView } from '@/features/queues/components/queue-create-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New queue' };

export default function Page() {
  return (
    <RequireAccess permission="queues.write" feature="voice">
      <QueueCreateView />
    </RequireAccess>
  );
}
