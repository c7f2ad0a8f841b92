import type { Metadata } from 'next';
import { TenantsView } from '@/features/tenants/components/tenants-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Tenants' };

export default function TenantsPage() {
  return (
    <RequireAccess platform>
      <TenantsView />
    </RequireAccess>
  );
}
