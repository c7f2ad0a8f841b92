'use client';

import { agentStateViewSchema, type AgentStateView, type LiveCallEvent } from '@switchboard/contracts';
import { useState } from 'react';
import { useRoomEvents } from '@/lib/websocket';
import { useCall } from '@/features/calls/queries';
import { useCallEvents, useLiveCallsSync } from '@/features/calls/live-sync';
import { useStoreMyState } from '../queries';
import type { OfferedCall } from './incoming-call-banner';

/**
 * What the console shows about calls, from the agent's own room: the call being offered (from
 * `call.offered`, or read back after a reload while still ringing), the call in progress and
 * whether an attended transfer is consulting.
 */
export function useConsoleCalls(userId: string, state: AgentStateView | undefined) {
  const room = `user:${userId}`;
  const storeState = useStoreMyState();
  const [offers, setOffers] = useState<Record<string, LiveCallEvent>>({});
  const [consulting, setConsulting] = useState<Record<string, boolean>>({});

  useLiveCallsSync(room);
  useRoomEvents(room, (event) => {
    if (event.event !== 'agent.state') return;
    const parsed = agentStateViewSchema.safeParse(event.data);
    if (!parsed.success || parsed.data.user_id !== userId) return;
    storeState(parsed.data);
    // Offers end with the ringing: answered, timed out or taken by another agent.
    if (parsed.data.state !== 'ringing') setOffers({});
  });
  useCallEvents(room, (name, call) => {
    const offeredToMe =
      call.offered_user_ids.includes(userId) && call.state !== 'connected' && name !== 'call.ended';
    setOffers((current) => {
      const { [call.call_id]: _previous, ...rest } = current;
      return offeredToMe ? { ...rest, [call.call_id]: call } : rest;
    });
    if (call.consulting !== undefined || name === 'call.ended') {
      setConsulting((current) => ({
        ...current,
        [call.call_id]: name !== 'call.ended' && Boolean(call.consulting),
      }));
    }
  });

  const ringingId = state?.state === 'ringing' ? state.current_call_id : null;
  const pushedOffer = Object.values(offers).at(-1);
  const ringingCall = useCall(ringingId && !offers[ringingId] ? ringingId : null);
  let offer: OfferedCall | null = pushedOffer ?? null;
  if (!offer && ringingId && ringingCall.data) offer = { ...ringingCall.data, call_id: ringingCall.data.id };
  // The router is the authority on whether this agent still rings.
  if (state && state.state !== 'ringing' && state.state !== 'available') offer = null;

  const currentId = state?.state === 'on_call' ? state.current_call_id : null;
  const current = useCall(currentId);
  return {
    offer,
    current: currentId ? current : null,
    consulting: currentId ? Boolean(consulting[currentId]) : false,
  };
}
