import type { Metadata } from 'next';
import { EndpointsListView } from '@/features/endpoints/components/endpoints-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Endpoints' };

export default function EndpointsPage() {
  return (
    <RequireAccess permission="endpoints.read" feature="voice">
      <EndpointsListView />
    </RequireAccess>
  );
}
