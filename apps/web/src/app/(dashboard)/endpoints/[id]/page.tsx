import type { Metadata } from 'next';
import { EndpointEditView } from '@/features/endpoints/components/endpoint-edit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Endpoint' };

export default async function EndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="endpoints.read" feature="voice">
      <EndpointEditView id={id} />
    </RequireAccess>
  );
}
