import type { WsEventEnvelope } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { notificationFromEvent } from './notification-events';

const notification = {
  id: '42',
  kind: 'role_changed',
  title: 'Your role is now Supervisor',
  body: null,
  link: null,
  read_at: null,
  created_at: '2026-11-24T04:00:00.000Z',
};
const envelope = (event: string, data: unknown): WsEventEnvelope => ({
  type: 'event',
  id: '7',
  room: 'user:u1',
  event,
  data,
  ts: '2026-11-24T04:00:00.000Z',
});

describe('notification pushes', () => {
  it('reads the notification a notification.created event carries', () => {
    expect(notificationFromEvent(envelope('notification.created', notification))).toEqual(notification);
  });

  it('ignores other events and malformed data', () => {
    expect(notificationFromEvent(envelope('agent.state', notification))).toBeNull();
    expect(notificationFromEvent(envelope('notification.created', { id: 42 }))).toBeNull();
  });
});
