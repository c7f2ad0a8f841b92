import type { Metadata } from 'next';
import { ConsoleView } from '@/features/agent-console/components/console-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Agent console' };

export default function Page() {
  return (
    <RequireAccess permission="agent.state" feature="voice">
      <ConsoleView />
    </RequireAccess>
  );
}
