import type { Metadata } from 'next';
import { SchedulesListView } from '@/features/schedules/components/schedules-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Schedules' };

export default function Page() {
  return (
    <RequireAccess permission="ivr.read" feature="voice">
      <SchedulesListView />
    </RequireAccess>
  );
}
