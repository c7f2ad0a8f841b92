import type { Metadata } from 'next';
import { TwoFactorView } from '@/features/settings/components/two-factor-view';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default function TwoFactorPage() {
  return <TwoFactorView />;
}
