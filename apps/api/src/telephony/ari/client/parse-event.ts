import { ariEventRequiredFields } from '../types/event-schema';
import type { AriEvent, AriEventType } from '../types/events';

export type ParsedEvent = { ok: true; event: AriEvent } | { ok: false; reason: string; raw: unknown };

export function isAriEventType(type: unknown): type is AriEventType {
  return typeof type === 'string' && Object.hasOwn(ariEventRequiredFields, type);
}

/**
 * Checks one events-socket frame against events.json: a known `type`, the base fields and every
 * field the model marks required. Frames that fail are reported, never thrown, so one odd event
 * cannot stop the stream.
 */
export function parseAriEvent(data: unknown): ParsedEvent {
  let raw: unknown = data;
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    try {
      raw = JSON.parse(data.toString()) as unknown;
    } catch {
      return { ok: false, reason: 'not JSON', raw: data };
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, reason: 'not an object', raw };
  const record = raw as Record<string, unknown>;
  if (!isAriEventType(record.type))
    return { ok: false, reason: `unknown event type ${String(record.type)}`, raw };
  for (const field of ['application', 'timestamp']) {
    if (typeof record[field] !== 'string')
      return { ok: false, reason: `${record.type} without ${field}`, raw };
  }
  const missing = ariEventRequiredFields[record.type].filter((field) => record[field] === undefined);
  if (missing.length > 0) return { ok: false, reason: `${record.type} without ${missing.join(', ')}`, raw };
  return { ok: true, event: record as AriEvent };
}
