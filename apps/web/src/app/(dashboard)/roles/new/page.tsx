import type { Metadata } from 'next';
import { RoleEditorView } from '@/features/roles/components/role-editor-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New role' };

export default function NewRolePage() {
  return (
    <RequireAccess permission="roles.write">
      <RoleEditorView id={null} />
    </RequireAccess>
  );
}
