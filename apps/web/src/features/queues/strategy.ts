import type { QueueStrategy } from '@switchboard/contracts';
import type { MessageKey } from '@/lib/i18n';

export const strategyLabelKeys: Record<QueueStrategy, MessageKey> = {
  ringall: 'queues.strategies.ringall',
  leastrecent: 'queues.strategies.leastrecent',
  fewestcalls: 'queues.strategies.fewestcalls',
  random: 'queues.strategies.random',
  rrmemory: 'queues.strategies.rrmemory',
  linear: 'queues.strategies.linear',
};

export const strategyHintKeys: Record<QueueStrategy, MessageKey> = {
  ringall: 'queues.strategyHints.ringall',
  leastrecent: 'queues.strategyHints.leastrecent',
  fewestcalls: 'queues.strategyHints.fewestcalls',
  random: 'queues.strategyHints.random',
  rrmemory: 'queues.strategyHints.rrmemory',
  linear: 'queues.strategyHints.linear',
};
