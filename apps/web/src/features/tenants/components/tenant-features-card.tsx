'use client';

import { featureKeys, type FeatureKey, type TenantFeatures } from '@switchboard/contracts';
import { toast } from 'sonner';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Switch } from '@/components/ui/switch';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useSetTenantFeatures } from '../queries';

/** Each switch saves on its own: a flag is one decision, not part of a larger form. */
export function TenantFeaturesCard({ tenantId, features }: { tenantId: string; features: TenantFeatures }) {
  const t = useT();
  const save = useSetTenantFeatures(tenantId);
  const pendingKey = save.isPending ? Object.keys(save.variables ?? {})[0] : undefined;

  const toggle = async (key: FeatureKey, enabled: boolean) => {
    try {
      await save.mutateAsync({ [key]: enabled });
      toast.success(
        t(enabled ? 'tenants.features.enabledToast' : 'tenants.features.disabledToast', {
          feature: t(`features.${key}`),
        }),
      );
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('tenants.features.title')}</CardTitle>
        <CardDescription>{t('tenants.features.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3">
          {featureKeys.map((key) => {
            const id = `feature-${key}`;
            return (
              <li key={key} className="flex items-center justify-between gap-3">
                <label htmlFor={id} className="text-sm font-medium">
                  {t(`features.${key}`)}
                </label>
                <Switch
                  id={id}
                  checked={features[key]}
                  disabled={save.isPending}
                  aria-busy={pendingKey === key || undefined}
                  onCheckedChange={(checked) => void toggle(key, checked)}
                />
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
