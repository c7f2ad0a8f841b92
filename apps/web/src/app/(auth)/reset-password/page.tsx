import type { Metadata } from 'next';
import { ResetPasswordForm } from '@/features/auth/forms/reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

type ResetPasswordPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: ResetPasswordPageProps) {
  const { token } = await searchParams;
  return <ResetPasswordForm token={typeof token === 'string' && token.length > 0 ? token : null} />;
}
