import type { Destination, DestinationInput, DestinationOption, DestinationType } from '@switchboard/contracts';
import type { MessageKey, Translate } from '@/lib/i18n';

export const destinationTypeLabelKeys: Record<DestinationType, MessageKey> = {
  queue: 'destinations.types.queue',
  endpoint: 'destinations.types.endpoint',
  ivr: 'destinations.types.ivr',
  voicemail: 'destinations.types.voicemail',
  external: 'destinations.types.external',
  hangup: 'destinations.types.hangup',
};

/**
 * "Queue: Sales", "External: +4930123456", "Hang up": a stored destination in words, named by the
 * picker's options (`optionsByKey`); a target the options do not hold is still named by its kind.
 */
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

/** `queue:<id>`, `endpoint:<id>`… identifies a stored destination across the picker and lists. */
export function destinationKey(destination: Destination | DestinationInput): string | null {
  switch (destination.type) {
    case 'queue':
      return `queue:${destination.queue_id}`;
    case 'endpoint':
      return `endpoint:${destination.endpoint_id}`;
    case 'voicemail':
      return `voicemail:${destination.endpoint_id}`;
    case 'ivr':
      return `ivr:${destination.ivr_menu_id}`;
    default:
      return null;
  }
}

export function optionsByKey(options: DestinationOption[] | undefined): Map<string, DestinationOption> {
  const map = new Map<string, DestinationOption>();
  for (const option of options ?? []) {
    const key = destinationKey(option.destination);
    if (key) map.set(key, option);
  }
  return map;
}
