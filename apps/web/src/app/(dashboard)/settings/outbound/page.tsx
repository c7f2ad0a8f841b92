import type { Metadata } from 'next';
import { OutboundPolicyView } from '@/features/settings/components/outbound-policy-view';

export const metadata: Metadata = { title: 'Outbound calls' };

export default function OutboundPolicyPage() {
  return <OutboundPolicyView />;
}
