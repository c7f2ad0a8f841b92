'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-field';
import { errorMessage } from '@/lib/api/errors';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { AuthCard } from '../components/auth-shell';

/**
 * Redeems an e-mailed one-time sign-in link. It waits for a click rather than signing in on load,
 * so a mail scanner that opens the link cannot use it up. On success the auth shell moves on to
 * the app (or `?next=`), as after a password sign-in.
 */
export function LoginLinkForm({ token }: { token: string | null }) {
  const t = useT();
  const { loginWithLink } = useAuth();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const backLink = (
    <Link href="/login" className="font-medium text-primary hover:underline">
      {t('auth.loginLink.backToLogin')}
    </Link>
  );

  if (!token) {
    return (
      <AuthCard title={t('auth.loginLink.title')} footer={backLink}>
        <FormError message={t('auth.loginLink.missingToken')} />
      </AuthCard>
    );
  }

  const redeem = async () => {
    setFormError(null);
    setPending(true);
    try {
      await loginWithLink(token);
    } catch (error) {
      setFormError(errorMessage(error, t));
      setPending(false);
    }
  };

  return (
    <AuthCard
      title={t('auth.loginLink.title')}
      description={t('auth.loginLink.description')}
      footer={backLink}
    >
      <div className="grid gap-4">
        <FormError message={formError} />
        <Button
          type="button"
          loading={pending}
          disabled={pending}
          className="w-full"
          onClick={() => void redeem()}
          autoFocus
        >
          {t('auth.loginLink.submit')}
        </Button>
      </div>
    </AuthCard>
  );
}
