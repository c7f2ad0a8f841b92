import type { Metadata } from 'next';
import { UserDetailView } from '@/features/users/components/user-detail-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="users.read">
      <UserDetailView id={id} />
    </RequireAccess>
  );
}
