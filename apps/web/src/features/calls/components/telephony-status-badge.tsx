'use client';

import type { TelephonyStatus } from '@switchboard/contracts';
import { FlaskConical, PhoneOff, Radio, TriangleAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/lib/i18n';
import { useRoomEvents } from '@/lib/websocket';
import { useAuth } from '@/lib/auth';
import { useQueryClient } from '@tanstack/react-query';
import { useTenantKey } from '@/lib/query';
import { useTelephonyStatus } from '../queries';

/** The phone system's state: connected, degraded, simulated (demo PBX) or not configured. */
export function TelephonyStatusBadge() {
  const t = useT();
  const status = useTelephonyStatus();
  useTelephonyStatusPush();
  const data = status.data;
  if (!data) return null;
  const { icon: Icon, variant, label } = describe(data);
  return (
    <Badge
      variant={variant}
      title={data.detail ?? undefined}
      data-testid="telephony-status"
      data-status={data.status}
      data-simulated={data.simulated}
    >
      <Icon aria-hidden="true" />
      {t(label)}
    </Badge>
  );
}

function describe(data: TelephonyStatus) {
  if (data.status === 'degraded')
    return {
      icon: TriangleAlert,
      variant: 'destructive' as const,
      label: 'calls.telephony.degraded' as const,
    };
  if (data.status === 'disabled')
    return { icon: PhoneOff, variant: 'secondary' as const, label: 'calls.telephony.disabled' as const };
  if (data.simulated)
    return { icon: FlaskConical, variant: 'warning' as const, label: 'calls.telephony.simulated' as const };
  return { icon: Radio, variant: 'success' as const, label: 'calls.telephony.connected' as const };
}

/** A `telephony.status` push on the tenant room replaces the polled value at once. */
function useTelephonyStatusPush() {
  const { user } = useAuth();
  const key = useTenantKey();
  const client = useQueryClient();
  useRoomEvents(user?.tenant_id ? `tenant:${user.tenant_id}` : null, (event) => {
    if (event.event === 'telephony.status')
      void client.invalidateQueries({ queryKey: key('telephony', 'status') });
  });
}
