'use client';

import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { useT } from '@/lib/i18n';
import { QueueForm } from '../forms/queue-form';
import { useCreateQueue } from '../queries';

export function QueueCreateView() {
  const t = useT();
  const router = useRouter();
  const create = useCreateQueue();
  useBreadcrumbs([{ label: t('queues.new') }]);
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={t('queues.new')} description={t('queues.newDescription')} className="pb-0" />
      <QueueForm
        saving={create.isPending}
        submitLabel={t('queues.create')}
        onSubmit={async (values) => {
          const queue = await create.mutateAsync(values);
          toast.success(t('queues.created', { name: queue.name }));
          // Members come next: a queue without members rings nobody.
          router.push(`/queues/${queue.id}?tab=members`);
        }}
      />
    </div>
  );
}
