import type { Metadata } from 'next';
import { ScheduleCreateView } from '@/features/schedules/components/schedule-create-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New schedule' };

export default function Page() {
  return (
    <RequireAccess permission="ivr.write" feature="voice">
      <ScheduleCreateView />
    </RequireAccess>
  );
}
