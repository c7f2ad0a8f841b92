import type { Metadata } from 'next';
import { PasswordView } from '@/features/settings/components/password-view';

export const metadata: Metadata = { title: 'Change password' };

export default function PasswordPage() {
  return <PasswordView />;
}
