import type { Metadata } from 'next';
import { AuditView } from '@/features/audit/components/audit-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <RequireAccess permission="audit.read">
      <AuditView />
    </RequireAccess>
  );
}
