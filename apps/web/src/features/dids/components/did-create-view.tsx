'use client';

import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { useT } from '@/lib/i18n';
import { DidForm } from '../forms/did-form';
import { useSaveDid } from '../queries';

export function DidCreateView() {
  const t = useT();
  const router = useRouter();
  const save = useSaveDid(null);
  useBreadcrumbs([{ label: t('dids.new') }]);
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={t('dids.new')} description={t('dids.newDescription')} className="pb-0" />
      <DidForm
        saving={save.isPending}
        submitLabel={t('dids.create')}
        onSubmit={async (values) => {
          const did = await save.mutateAsync(values);
          toast.success(t('dids.created', { number: did.number }));
          router.push('/dids');
        }}
      />
    </div>
  );
}
