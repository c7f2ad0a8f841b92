import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DidEditView } from '@/features/dids/components/did-edit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Phone number' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="dids.read" feature="voice">
      <Suspense>
        <DidEditView id={id} />
      </Suspense>
    </RequireAccess>
  );
}
