'use client';

import { Wifi, WifiOff } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/lib/i18n';
import { useRealtime } from '@/lib/websocket';

/** Whether live updates are flowing; while reconnecting, figures on screen may be stale. */
export function ConnectionIndicator() {
  const t = useT();
  const { status } = useRealtime();
  if (status === 'open')
    return (
      <Badge variant="outline" data-testid="realtime-status" data-status={status}>
        <Wifi aria-hidden="true" />
        {t('calls.realtime.live')}
      </Badge>
    );
  return (
    <Badge variant="warning" data-testid="realtime-status" data-status={status}>
      <WifiOff aria-hidden="true" />
      {t(status === 'reconnecting' ? 'calls.realtime.reconnecting' : 'calls.realtime.connecting')}
    </Badge>
  );
}
