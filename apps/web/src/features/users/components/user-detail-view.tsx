'use client';

import { ArrowLeft, UserX } from 'lucide-react';
import Link from 'next/link';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/errors';
import { usePermission, useSession } from '@/lib/auth';
import { useFormat, useT } from '@/lib/i18n';
import { useUser } from '../queries';
import { UserRoleCard, UserStatusCard } from './user-access-cards';
import { UserProfileForm } from './user-profile-form';
import { UserStatusBadge } from './user-status-badge';

export function UserDetailView({ id }: { id: string }) {
  const t = useT();
  const format = useFormat();
  const session = useSession();
  const hasWrite = usePermission('users.write');
  const user = useUser(id);
  useBreadcrumbs(user.data ? [{ label: user.data.name }] : null);

  if (user.isPending) return <DetailSkeleton />;
  if (user.error) {
    if (isApiError(user.error, 'NOT_FOUND')) {
      return (
        <EmptyState
          icon={UserX}
          title={t('users.notFound')}
          action={
            <Button asChild variant="outline">
              <Link href="/users">{t('users.backToList')}</Link>
            </Button>
          }
        />
      );
    }
    return <ErrorState error={user.error} onRetry={() => void user.refetch()} retrying={user.isRefetching} />;
  }

  const data = user.data;
  const isSelf = session.id === data.id;
  // The API refuses changes to a user holding permissions the viewer lacks (manageable: false).
  const canWrite = hasWrite && data.manageable !== false;
  return (
    <div className="grid gap-6">
      <PageHeader
        className="pb-0"
        title={
          <span className="flex flex-wrap items-center gap-3">
            {data.name}
            <UserStatusBadge status={data.status} />
          </span>
        }
        description={
          <>
            {data.email} ·{' '}
            {data.last_login_at
              ? t('users.lastLoginAt', { when: format.dateTime(data.last_login_at) })
              : t('users.neverSignedIn')}
          </>
        }
        actions={
          <Button asChild variant="outline">
            <Link href="/users">
              <ArrowLeft aria-hidden="true" />
              {t('users.backToList')}
            </Link>
          </Button>
        }
      />
      {hasWrite && !canWrite ? (
        <p role="note" className="text-muted-foreground rounded-md border px-4 py-3 text-sm">
          {t('users.notManageable')}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <UserProfileForm user={data} canWrite={canWrite} isSelf={isSelf} />
        </div>
        <div className="grid content-start gap-6">
          <UserRoleCard key={data.role_id} user={data} canWrite={canWrite} isSelf={isSelf} />
          <UserStatusCard user={data} canWrite={canWrite} isSelf={isSelf} />
        </div>
      </div>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <Skeleton className="h-8 w-64" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
