import type { Metadata } from 'next';
import { WallboardView } from '@/features/wallboard/components/wallboard-view';
import { RequireAccess } from '@/lib/auth';

export const metadata: Metadata = { title: 'Wallboard' };

export default function Page() {
  return (
    <RequireAccess permission="calls.read" feature="voice">
      <WallboardView />
    </RequireAccess>
  );
}
