import { createQueueSchema, queueDefaults, type Queue } from '@switchboard/contracts';
import type { z } from 'zod';

export const queueFormSchema = createQueueSchema;
export type QueueFormInput = z.input<typeof queueFormSchema>;
export type QueueFormValues = z.output<typeof queueFormSchema>;

export const queueFormFields = Object.keys(createQueueSchema.shape);

export function newQueueValues(): QueueFormInput {
  return { name: '', ...queueDefaults };
}

export function queueValues(queue: Queue): QueueFormInput {
  return {
    name: queue.name,
    strategy: queue.strategy,
    ring_timeout_seconds: queue.ring_timeout_seconds,
    retry_seconds: queue.retry_seconds,
    wrapup_seconds: queue.wrapup_seconds,
    max_wait_seconds: queue.max_wait_seconds,
    overflow_destination: queue.overflow_destination,
    max_callers: queue.max_callers,
    music_class: queue.music_class,
    join_empty: queue.join_empty,
    leave_when_empty: queue.leave_when_empty,
    announce_position: queue.announce_position,
    announce_hold_time: queue.announce_hold_time,
    announce_frequency_seconds: queue.announce_frequency_seconds,
    service_level_seconds: queue.service_level_seconds,
    enabled: queue.enabled,
  };
}
