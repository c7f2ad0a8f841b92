import { createEndpointSchema, defaultCodecs, type EndpointDetail, type EndpointKind } from '@switchboard/contracts';
import type { z } from 'zod';

/** The create schema validates both forms: editing shows every field, so the values are complete. */
export const endpointFormSchema = createEndpointSchema;
export type EndpointFormInput = z.input<typeof endpointFormSchema>;
export type EndpointFormValues = z.output<typeof endpointFormSchema>;

export const endpointFormFields = [
  'extension',
  'display_name',
  'kind',
  'user_id',
  'codecs',
  'nat',
  'max_contacts',
  'caller_id_name',
  'caller_id_number',
  'voicemail_enabled',
  'enabled',
] as const;

export function newEndpointValues(kind: EndpointKind): EndpointFormInput {
  return {
    extension: '',
    display_name: '',
    kind,
    user_id: null,
    // Browsers speak Opus and G.711; desk phones mostly G.711 and G.722.
    codecs: kind === 'webrtc' ? ['opus', 'ulaw', 'alaw'] : [...defaultCodecs],
    nat: true,
    max_contacts: 1,
    caller_id_name: null,
    caller_id_number: null,
    voicemail_enabled: false,
    enabled: true,
  };
}

export function endpointValues(endpoint: EndpointDetail): EndpointFormInput {
  return {
    extension: endpoint.extension,
    display_name: endpoint.display_name,
    kind: endpoint.kind,
    user_id: endpoint.user_id,
    codecs: endpoint.codecs,
    nat: endpoint.nat,
    max_contacts: endpoint.max_contacts,
    caller_id_name: endpoint.caller_id_name,
    caller_id_number: endpoint.caller_id_number,
    voicemail_enabled: endpoint.voicemail_enabled,
    enabled: endpoint.enabled,
  };
}
