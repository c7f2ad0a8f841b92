'use client';

import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { useT } from '@/lib/i18n';
import { IvrForm } from '../forms/ivr-form';
import { useSaveIvrMenu } from '../queries';

export function IvrCreateView() {
  const t = useT();
  const router = useRouter();
  const save = useSaveIvrMenu(null);
  useBreadcrumbs([{ label: t('ivr.new') }]);
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={t('ivr.new')} description={t('ivr.newDescription')} className="pb-0" />
      <IvrForm
        saving={save.isPending}
        submitLabel={t('ivr.create')}
        onSubmit={async (values) => {
          const menu = await save.mutateAsync(values);
          toast.success(t('ivr.created', { name: menu.name }));
          router.push(`/ivr/${menu.id}`);
        }}
      />
    </div>
  );
}
