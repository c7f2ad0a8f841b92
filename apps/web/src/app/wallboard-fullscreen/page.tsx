import type { Metadata } from 'next';
import { WallboardView } from '@/features/wallboard/components/wallboard-view';
import { RequireAccess, RequireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Wallboard' };

/** The wallboard without the console's sidebar and header, for a screen on the wall. */
export default function Page() {
  return (
    <RequireSession>
      <RequireAccess permission="calls.read" feature="voice">
        <WallboardView kiosk />
      </RequireAccess>
    </RequireSession>
  );
}
