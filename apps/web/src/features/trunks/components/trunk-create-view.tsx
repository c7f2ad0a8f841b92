'use client';

import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { useT } from '@/lib/i18n';
import { TrunkForm } from '../forms/trunk-form';
import { useSaveTrunk } from '../queries';

export function TrunkCreateView() {
  const t = useT();
  const router = useRouter();
  const save = useSaveTrunk(null);
  useBreadcrumbs([{ label: t('trunks.new') }]);
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={t('trunks.new')} description={t('trunks.newDescription')} className="pb-0" />
      <TrunkForm
        saving={save.isPending}
        submitLabel={t('trunks.create')}
        onSubmit={async (values) => {
          const trunk = await save.mutateAsync(values);
          toast.success(t('trunks.created', { name: trunk.name }));
          router.push(`/trunks/${trunk.id}`);
        }}
      />
    </div>
  );
}
