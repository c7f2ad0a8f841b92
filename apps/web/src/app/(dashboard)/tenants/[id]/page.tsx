import type { Metadata } from 'next';
import { TenantDetailView } from '@/features/tenants/components/tenant-detail-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess platform>
      <TenantDetailView id={id} />
    </RequireAccess>
  );
}
