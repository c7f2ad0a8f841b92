import type { Metadata } from 'next';
import { LoginForm } from '@/features/auth/forms/login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return <LoginForm />;
}
