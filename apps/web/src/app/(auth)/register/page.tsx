import type { Metadata } from 'next';
import { RegisterForm } from '@/features/auth/forms/register-form';

export const metadata: Metadata = { title: 'Create an organisation' };

export default function RegisterPage() {
  return <RegisterForm />;
}
