'use client';

import { PageHeader } from '@/components/ui/page-header';
import { useT } from '@/lib/i18n';
import { SettingsNav } from './settings-nav';

export function SettingsHeader() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} className="pb-4" />
      <SettingsNav />
    </>
  );
}
