import type { Metadata } from 'next';
import { LiveCallsView } from '@/features/live-calls/components/live-calls-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Live calls' };

export default function Page() {
  return (
    <RequireAccess permission="calls.supervise" feature="voice">
      <LiveCallsView />
    </RequireAccess>
  );
}
