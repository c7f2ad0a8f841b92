import type { Metadata } from 'next';
import { RolesView } from '@/features/roles/components/roles-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Roles' };

export default function RolesPage() {
  return (
    <RequireAccess permission="roles.read">
      <RolesView />
    </RequireAccess>
  );
}
