import type { Metadata } from 'next';
import { IvrListView } from '@/features/ivr/components/ivr-list-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'IVR menus' };

export default function Page() {
  return (
    <RequireAccess permission="ivr.read" feature="voice">
      <IvrListView />
    </RequireAccess>
  );
}
