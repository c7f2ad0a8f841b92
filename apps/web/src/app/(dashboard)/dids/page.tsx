import type { Metadata } from 'next';
import { DidsListView } from '@/features/dids/components/dids-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Phone numbers' };

export default function Page() {
  return (
    <RequireAccess permission="dids.read" feature="voice">
      <DidsListView />
    </RequireAccess>
  );
}
