import type { Metadata } from 'next';
import { Suspense } from 'react';
import { IvrEditView } from '@/features/ivr/components/ivr-edit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'IVR menu' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="ivr.read" feature="voice">
      <Suspense>
        <IvrEditView id={id} />
      </Suspense>
    </RequireAccess>
  );
}
