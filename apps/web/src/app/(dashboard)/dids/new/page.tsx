import type { Metadata } from 'next';
import { DidCreateView } from '@/features/dids/components/did-create-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New phone number' };

export default function Page() {
  return (
    <RequireAccess permission="dids.write" feature="voice">
      <DidCreateView />
    </RequireAccess>
  );
}
