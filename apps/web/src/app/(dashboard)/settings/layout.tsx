import type { ReactNode } from 'react';
import { SettingsHeader } from '@/features/settings/components/settings-header';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <SettingsHeader />
      {children}
    </div>
  );
}
