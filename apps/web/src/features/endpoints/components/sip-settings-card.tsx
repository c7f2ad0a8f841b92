'use client';

import type { SipSettings } from '@switchboard/contracts';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useT } from '@/lib/i18n';
import { CopyButton } from './copy-button';
import { PasswordActions } from './password-actions';

/** What a phone (or the browser softphone) needs to sign in, each value with a copy button. */
export function SipSettingsCard({ endpointId, settings }: { endpointId: string; settings: SipSettings }) {
  const t = useT();
  const rows: { label: string; value: string }[] = settings.wss_url
    ? [
        { label: t('endpoints.sip.wssUrl'), value: settings.wss_url },
        { label: t('endpoints.sip.domain'), value: settings.domain },
        { label: t('endpoints.sip.username'), value: settings.username },
      ]
    : [
        { label: t('endpoints.sip.server'), value: settings.domain },
        { label: t('endpoints.sip.port'), value: String(settings.port) },
        { label: t('endpoints.sip.transport'), value: settings.transport.toUpperCase() },
        { label: t('endpoints.sip.username'), value: settings.username },
      ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('endpoints.sip.title')}</CardTitle>
        <CardDescription>
          {settings.wss_url ? t('endpoints.sip.descriptionWebrtc') : t('endpoints.sip.descriptionSip')}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="divide-y rounded-lg border" data-testid="sip-settings">
          {rows.map((row) => (
            <SettingRow key={row.label} label={row.label} value={row.value} />
          ))}
          <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
            <dt className="text-sm text-muted-foreground">{t('endpoints.sip.password')}</dt>
            <dd>
              <PasswordActions endpointId={endpointId} />
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}

function SettingRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-center justify-between gap-2 px-3 py-2">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1">
        <span className="truncate font-mono text-sm">{value}</span>
        <CopyButton value={value} label={label} />
      </dd>
    </div>
  );
}
