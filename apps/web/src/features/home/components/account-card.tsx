'use client';

import Link from 'next/link';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { accountLinks } from '@/components/shell/user-menu';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';

/** The signed-in person's role and whether their account is protected by a second factor. */
export function AccountCard() {
  const t = useT();
  const user = useSession();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('home.accountTitle')}</CardTitle>
        <CardDescription>{user.email}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <div className="flex items-center justify-between gap-3">
          <span className="text-muted-foreground">{t('home.role')}</span>
          <Badge variant="secondary">{user.role_name}</Badge>
        </div>
        <div className="flex items-center justify-between gap-3">
          <span className="text-muted-foreground">{t('home.twoFactor')}</span>
          {user.totp_enabled ? (
            <Badge variant="success">
              <ShieldCheck aria-hidden="true" />
              {t('common.enabled')}
            </Badge>
          ) : (
            <Badge variant="warning">
              <ShieldAlert aria-hidden="true" />
              {t('common.disabled')}
            </Badge>
          )}
        </div>
        {user.totp_enabled ? null : (
          <Button asChild variant="outline" size="sm" className="mt-1 justify-self-start">
            <Link href={accountLinks.twoFactor}>{t('home.enableTwoFactor')}</Link>
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
