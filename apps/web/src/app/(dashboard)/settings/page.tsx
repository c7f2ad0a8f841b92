import type { Metadata } from 'next';
import { SettingsHome } from '@/features/settings/components/settings-home';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return <SettingsHome />;
}
