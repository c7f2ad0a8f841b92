import { createDidSchema, type Did } from '@switchboard/contracts';
import type { z } from 'zod';

export const didFormSchema = createDidSchema;
export type DidFormInput = z.input<typeof didFormSchema>;
export type DidFormValues = z.output<typeof didFormSchema>;
export const didFormFields = Object.keys(createDidSchema.shape);

export function newDidValues(): DidFormInput {
  return {
    number: '',
    description: null,
    destination: { type: 'queue', queue_id: '' },
    time_condition: null,
    closed_destination: null,
    unanswered_fallback: 'voicemail',
    caller_id_name_prefix: null,
    recording_enabled: false,
    sms: { enabled: false, webhook_url: null, allowed_senders: [] },
  };
}

export function didValues(did: Did): DidFormInput {
  return {
    number: did.number,
    description: did.description,
    destination: did.destination,
    time_condition: did.time_condition,
    closed_destination: did.closed_destination,
    unanswered_fallback: did.unanswered_fallback,
    caller_id_name_prefix: did.caller_id_name_prefix,
    recording_enabled: did.recording_enabled,
    sms: { ...did.sms },
  };
}
