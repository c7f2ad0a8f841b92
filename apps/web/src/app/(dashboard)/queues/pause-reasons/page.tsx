import type { Metadata } from 'next';
import { PauseReasonsView } from '@/features/queues/components/pause-reasons-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Pause reasons' };

export default function Page() {
  return (
    <RequireAccess permission="queues.read" feature="voice">
      <PauseReasonsView />
    </RequireAccess>
  );
}
