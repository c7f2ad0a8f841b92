import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ScheduleEditView } from '@/features/schedules/components/schedule-edit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Schedule' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="ivr.read" feature="voice">
      <Suspense>
        <ScheduleEditView id={id} />
      </Suspense>
    </RequireAccess>
  );
}
