import type { EndpointKind } from '@switchboard/contracts';
import type { MessageKey } from '@/lib/i18n';

export const endpointKindLabelKeys: Record<EndpointKind, MessageKey> = {
  sip: 'endpoints.kinds.sip',
  webrtc: 'endpoints.kinds.webrtc',
};
