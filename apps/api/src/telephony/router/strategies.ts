import type { QueueConfig } from './ports';

export type Candidate = {
  userId: string;
  penalty: number;
  /** Order of the member in the queue (linear and round robin follow it). */
  position: number;
  lastCallEndedAt: Date | null;
  callsToday: number;
};

export type StrategyMemory = { lastOfferedUserId?: string };

/**
 * Orders the agents to offer a call to, like Asterisk's app_queue does:
 * - only the lowest penalty tier with anyone available is considered;
 * - ringall: everyone in that tier at once (the caller returns them all; the engine rings them all);
 * - leastrecent: the agent whose last call today ended longest ago (none today = first);
 * - fewestcalls: fewest calls answered today;
 * - random: shuffled;
 * - rrmemory: round robin, starting after the agent offered last time;
 * - linear: member order, always from the top.
 * Returns the list in offer order; ringall offers all of it together, the others one at a time.
 */
export function orderCandidates(
  strategy: QueueConfig['strategy'],
  candidates: Candidate[],
  memory: StrategyMemory,
  random: () => number = Math.random,
): Candidate[] {
  if (!candidates.length) return [];
  const minPenalty = Math.min(...candidates.map((c) => c.penalty));
  const tier = candidates.filter((c) => c.penalty === minPenalty).sort((a, b) => a.position - b.position);
  switch (strategy) {
    case 'ringall':
    case 'linear':
      return tier;
    case 'leastrecent':
      return [...tier].sort(
        (a, b) =>
          (a.lastCallEndedAt?.getTime() ?? -Infinity) - (b.lastCallEndedAt?.getTime() ?? -Infinity) ||
          a.position - b.position,
      );
    case 'fewestcalls':
      return [...tier].sort((a, b) => a.callsToday - b.callsToday || a.position - b.position);
    case 'random': {
      const out = [...tier];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    }
    case 'rrmemory': {
      const last = tier.findIndex((c) => c.userId === memory.lastOfferedUserId);
      if (last === -1) return tier;
      return [...tier.slice(last + 1), ...tier.slice(0, last + 1)];
    }
  }
}
