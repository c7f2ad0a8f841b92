import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { PHONE_UNREACHABLE_REASON, type AgentStateView } from '@switchboard/contracts';
import { agentStates } from '../../db/schema/index';
import type { Clock } from '../../lib/clock';
import type { AgentTransition } from './agent-transitions';

/**
 * What the call router (ACD) does to agents. Every method is one conditional UPDATE in the
 * database, so several workers can race for the same agent and exactly one wins: a method
 * returns the new state, or null when the agent was not in the expected state any more.
 */
export function createAgentCalls(deps: { transition: AgentTransition; clock: Clock }) {
  const { transition } = deps;
  const callIs = (callId: string) => eq(agentStates.currentCallId, callId);
  return {
    /** Offers a call: available → ringing. Null means someone else claimed the agent first. */
    claim(tenantId: string, userId: string, callId: string): Promise<AgentStateView | null> {
      return transition(tenantId, userId, eq(agentStates.state, 'available'), {
        state: 'ringing',
        reasonId: null,
        currentCallId: callId,
        wrapupUntil: null,
      });
    },

    /**
     * The router's claim: the same guard, only the UPDATE on the way to the agent's phone; the
     * history and the `agent.state` event follow behind (AgentTransition.fast). Whether it won.
     */
    claimForOffer(tenantId: string, userId: string, callId: string): Promise<boolean> {
      return transition.fast(tenantId, userId, eq(agentStates.state, 'available'), {
        state: 'ringing',
        reasonId: null,
        currentCallId: callId,
        wrapupUntil: null,
      });
    },

    /** The offer ended unanswered (timeout, rejected, caller gone): ringing → available or away. */
    releaseOffer(
      tenantId: string,
      userId: string,
      callId: string,
      next: 'available' | 'away' = 'available',
    ): Promise<AgentStateView | null> {
      return transition(
        tenantId,
        userId,
        and(eq(agentStates.state, 'ringing'), callIs(callId))!,
        { state: next, reasonId: null, currentCallId: null, wrapupUntil: null },
        callId,
      );
    },

    /**
     * Asterisk refused to ring the agent's phone several offers in a row: ringing for this call →
     * the system pause "phone unreachable" (reason PHONE_UNREACHABLE_REASON).
     */
    pauseUnreachable(tenantId: string, userId: string, callId: string): Promise<AgentStateView | null> {
      return transition(
        tenantId,
        userId,
        and(eq(agentStates.state, 'ringing'), callIs(callId))!,
        { state: 'paused', reasonId: PHONE_UNREACHABLE_REASON, currentCallId: null, wrapupUntil: null },
        callId,
      );
    },

    /** The phone answers again: the system pause "phone unreachable" (only that one) → available. */
    resumeReachable(tenantId: string, userId: string): Promise<AgentStateView | null> {
      return transition(
        tenantId,
        userId,
        and(eq(agentStates.state, 'paused'), eq(agentStates.reasonId, PHONE_UNREACHABLE_REASON))!,
        { state: 'available', reasonId: null, currentCallId: null, wrapupUntil: null },
        null,
      );
    },

    /**
     * The agent is talking: from ringing for this call, or (outbound, click-to-call) from any
     * logged-in state without a call.
     */
    startCall(tenantId: string, userId: string, callId: string): Promise<AgentStateView | null> {
      return transition(
        tenantId,
        userId,
        or(
          and(eq(agentStates.state, 'ringing'), callIs(callId)),
          and(
            inArray(agentStates.state, ['available', 'paused', 'away', 'wrap_up']),
            isNull(agentStates.currentCallId),
          ),
        )!,
        { state: 'on_call', reasonId: null, currentCallId: callId, wrapupUntil: null },
      );
    },

    /**
     * The call ended: wrap-up for `wrapupSeconds` (the worker returns the agent to available
     * when it is over), or straight to available with 0. Also the way to free an agent whose
     * call vanished (Asterisk restart, F5/F7).
     */
    endCall(
      tenantId: string,
      userId: string,
      callId: string,
      wrapupSeconds: number,
    ): Promise<AgentStateView | null> {
      const patch =
        wrapupSeconds > 0
          ? {
              state: 'wrap_up' as const,
              reasonId: null,
              currentCallId: null,
              wrapupUntil: new Date(deps.clock.now().getTime() + wrapupSeconds * 1000),
            }
          : { state: 'available' as const, reasonId: null, currentCallId: null, wrapupUntil: null };
      return transition(
        tenantId,
        userId,
        and(inArray(agentStates.state, ['ringing', 'on_call']), callIs(callId))!,
        patch,
        callId,
      );
    },
  };
}
