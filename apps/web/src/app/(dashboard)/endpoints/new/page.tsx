import type { Metadata } from 'next';
import { EndpointWizard } from '@/features/endpoints/components/endpoint-wizard';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New endpoint' };

export default function NewEndpointPage() {
  return (
    <RequireAccess permission="endpoints.write" feature="voice">
      <EndpointWizard />
    </RequireAccess>
  );
}
