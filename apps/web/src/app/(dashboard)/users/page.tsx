import type { Metadata } from 'next';
import { UsersView } from '@/features/users/components/users-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <RequireAccess permission="users.read">
      <UsersView />
    </RequireAccess>
  );
}
