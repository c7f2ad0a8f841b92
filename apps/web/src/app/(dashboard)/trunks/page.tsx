import type { Metadata } from 'next';
import { TrunksListView } from '@/features/trunks/components/trunks-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Trunks' };

export default function Page() {
  return (
    <RequireAccess permission="trunks.read" feature="voice">
      <TrunksListView />
    </RequireAccess>
  );
}
