import type { Metadata } from 'next';
import { LoginLinkForm } from '@/features/auth/forms/login-link-form';
import { linkTokenFrom } from '@/features/auth/login-outcome';

export const metadata: Metadata = { title: 'Finish signing in' };

type LoginLinkPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginLinkPage({ searchParams }: LoginLinkPageProps) {
  const { token } = await searchParams;
  return <LoginLinkForm token={linkTokenFrom(token)} />;
}
