'use client';

import { registrationStatusSchema, type RegistrationStatus } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';

/** Whether the server lets anyone create an organisation (SELF_REGISTRATION); not tenant data. */
export function useRegistrationStatus() {
  return useQuery({
    queryKey: ['auth', 'registration'],
    queryFn: ({ signal }): Promise<RegistrationStatus> =>
      api.get('/api/v1/auth/registration', { anonymous: true, signal, schema: registrationStatusSchema }),
    staleTime: 5 * 60_000,
  });
}
