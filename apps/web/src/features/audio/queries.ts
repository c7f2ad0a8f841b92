'use client';

import { audioFileSchema, type AudioFile } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, refreshAccessToken, tokenStore } from '@/lib/api';
import { ApiError } from '@/lib/api/errors';
import { useTenantKey } from '@/lib/query';

/** Uploaded prompts for the IVR greeting select (a tenant keeps a handful, so one page). */
export function useAudioOptions() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('audio', 'options'),
    queryFn: async ({ signal }): Promise<AudioFile[]> => {
      const page = await api.list<unknown>('/api/v1/audio', { limit: 100 }, signal);
      return z.array(audioFileSchema).parse(page.items);
    },
  });
}

const envelopeSchema = z.object({
  success: z.boolean(),
  data: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
  meta: z.object({ request_id: z.string().optional() }).partial().optional(),
});

async function sendFile(file: File, name: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': file.type || 'application/octet-stream' };
  if (tokenStore.accessToken) headers.Authorization = `Bearer ${tokenStore.accessToken}`;
  return fetch(`/api/v1/audio?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'include',
  });
}

/**
 * The audio route takes the file as the raw request body with its audio content type (the JSON
 * client cannot send that), so this posts it directly, refreshing an expired token once.
 */
async function uploadAudio(file: File, name: string): Promise<AudioFile> {
  let response = await sendFile(file, name);
  if (response.status === 401 && (await refreshAccessToken())) response = await sendFile(file, name);
  const envelope = envelopeSchema.safeParse(await response.json().catch(() => null));
  if (response.ok && envelope.success && envelope.data.success) return audioFileSchema.parse(envelope.data.data);
  const error = envelope.success ? envelope.data.error : undefined;
  throw new ApiError({
    status: response.status,
    code: (error?.code ?? (response.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_RESPONSE')) as ApiError['code'],
    message: error?.message ?? `Upload failed (${response.status})`,
    details: error?.details,
    requestId: envelope.success ? (envelope.data.meta?.request_id ?? null) : null,
  });
}

export function useUploadAudio() {
  const key = useTenantKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name }: { file: File; name: string }) => uploadAudio(file, name),
    onSuccess: () => client.invalidateQueries({ queryKey: key('audio') }),
  });
}
