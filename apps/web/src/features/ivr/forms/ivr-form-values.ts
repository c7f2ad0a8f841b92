import { createIvrMenuSchema, type IvrMenu } from '@switchboard/contracts';
import type { z } from 'zod';

export const ivrFormSchema = createIvrMenuSchema;
export type IvrFormInput = z.input<typeof ivrFormSchema>;
export type IvrFormValues = z.output<typeof ivrFormSchema>;
export const ivrFormFields = Object.keys(createIvrMenuSchema.shape);

export function newIvrValues(): IvrFormInput {
  return {
    name: '',
    greeting: null,
    options: [],
    timeout_seconds: 5,
    timeout_destination: null,
    invalid_destination: null,
    max_retries: 3,
    enabled: true,
  };
}

export function ivrValues(menu: IvrMenu): IvrFormInput {
  return {
    name: menu.name,
    greeting: menu.greeting,
    options: menu.options,
    timeout_seconds: menu.timeout_seconds,
    timeout_destination: menu.timeout_destination,
    invalid_destination: menu.invalid_destination,
    max_retries: menu.max_retries,
    enabled: menu.enabled,
  };
}
