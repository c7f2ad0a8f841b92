import type { Metadata } from 'next';
import { IvrCreateView } from '@/features/ivr/components/ivr-create-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'New IVR menu' };

export default function Page() {
  return (
    <RequireAccess permission="ivr.write" feature="voice">
      <IvrCreateView />
    </RequireAccess>
  );
}
