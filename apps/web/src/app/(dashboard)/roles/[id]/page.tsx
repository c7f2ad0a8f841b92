import type { Metadata } from 'next';
import { RoleEditorView } from '@/features/roles/components/role-editor-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Role' };

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireAccess permission="roles.read">
      <RoleEditorView id={id} />
    </RequireAccess>
  );
}
