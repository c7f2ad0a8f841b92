'use client';

import type { Destination, DestinationOption } from '@switchboard/contracts';
import { useT, type Translate } from '@/lib/i18n';
import { destinationKey } from '../queries';
import { destinationTypeLabelKeys } from './destination-picker';

/** "Queue: Sales", "+4930123456", "Hang up": a stored destination in words. */
export function describeDestination(
  destination: Destination | null,
  options: Map<string, DestinationOption>,
  t: Translate,
  nullLabel?: string,
): string {
  if (!destination) return nullLabel ?? t('destinations.types.hangup');
  if (destination.type === 'hangup') return t('destinations.types.hangup');
  if (destination.type === 'external') return t('destinations.externalSummary', { number: destination.number });
  const key = destinationKey(destination);
  const option = key ? options.get(key) : undefined;
  if (option) return option.label;
  return t('destinations.unknownTarget', { type: t(destinationTypeLabelKeys[destination.type]) });
}

export function DestinationSummary({
  destination,
  options,
  nullLabel,
}: {
  destination: Destination | null;
  options: Map<string, DestinationOption>;
  nullLabel?: string;
}) {
  const t = useT();
  return <span>{describeDestination(destination, options, t, nullLabel)}</span>;
}
