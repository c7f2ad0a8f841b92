import type { Metadata } from 'next';
import { TrunkCreateView } from '@/features/trunks/components/trunk-create-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New trunk' };

export default function Page() {
  return (
    <RequireAccess permission="trunks.write" feature="voice">
      <TrunkCreateView />
    </RequireAccess>
  );
}
