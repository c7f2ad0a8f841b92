import { wsEventCatalog, type Notification, type WsEventEnvelope } from '@switchboard/contracts';

export const notificationCreatedEvent = 'notification.created';

/** The notification a `notification.created` push carries, or null for any other or malformed event. */
export function notificationFromEvent(event: WsEventEnvelope): Notification | null {
  if (event.event !== notificationCreatedEvent) return null;
  const parsed = wsEventCatalog[notificationCreatedEvent].safeParse(event.data);
  return parsed.success ? parsed.data : null;
}
