import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TrunkEditView } from '@/features/trunks/components/trunk-edit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Trunk' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="trunks.read" feature="voice">
      <Suspense>
        <TrunkEditView id={id} />
      </Suspense>
    </RequireAccess>
  );
}
