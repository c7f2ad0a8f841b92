import type { CallRouter } from './call-router';
import type { LegInfo, LiveCall } from './live-calls';
import type { EndpointTarget } from './ports';

/**
 * Call segments: who handled each part of a call. A leg is noted when it starts ringing and
 * becomes a segment when it joins the caller; the agent who placed the call has one from the
 * moment the other side answers. Rows are keyed by the leg's channel id, so replays write nothing.
 */
export function noteLeg(call: LiveCall, channelId: string, info: Omit<LegInfo, 'offeredAt'>, at: Date) {
  call.legs ??= new Map();
  call.legs.set(channelId, { ...info, offeredAt: at });
}

export const legOfEndpoint = (ep: Pick<EndpointTarget, 'id' | 'userId' | 'extension'>) => ({
  userId: ep.userId,
  endpointId: ep.id,
  extension: ep.extension,
  number: null,
});

/** The leg joined the caller at `joinedAt` (answered at `answeredAt`, earlier for a consultation). */
export async function openLegSegment(
  r: CallRouter,
  call: LiveCall,
  channelId: string,
  answeredAt: Date,
  joinedAt: Date = answeredAt,
): Promise<LegInfo | null> {
  const leg = call.legs?.get(channelId) ?? null;
  call.legs?.delete(channelId);
  const kind = call.transferredBlind ? 'blind_transfer' : (leg?.kind ?? kindOf(call));
  call.transferredBlind = false;
  if (call.originatorUserId) {
    await r.deps.calls.openSegment(call.tenantId, call.id, {
      key: `orig:${call.originatorUserId}`,
      kind: call.direction === 'internal' ? 'internal' : 'outbound',
      userId: call.originatorUserId,
      endpointId: call.originatorEndpoint?.id ?? null,
      extension: call.originatorEndpoint?.extension ?? null,
      number: null,
      channelId: call.callerChannelId,
      offeredAt: null,
      answeredAt,
      joinedAt,
    });
  }
  await r.deps.calls.openSegment(call.tenantId, call.id, {
    key: channelId,
    kind,
    userId: leg?.userId ?? null,
    endpointId: leg?.endpointId ?? null,
    extension: leg?.extension ?? null,
    number: leg?.number ?? null,
    channelId,
    offeredAt: leg?.offeredAt ?? null,
    answeredAt,
    joinedAt,
  });
  return leg;
}

function kindOf(call: LiveCall): LegInfo['kind'] {
  if (call.queue) return 'queue';
  if (call.direction === 'internal') return 'internal';
  if (call.direction === 'outbound') return 'outbound';
  return 'direct';
}
