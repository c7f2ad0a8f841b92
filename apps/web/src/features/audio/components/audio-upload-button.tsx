'use client';

import { AUDIO_MAX_BYTES, audioContentTypes, type AudioFile } from '@switchboard/contracts';
import { Upload } from 'lucide-react';
import { useRef } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useUploadAudio } from '../queries';

/** Picks a WAV, MP3 or Ogg file and uploads it as a prompt; the API checks its real format. */
export function AudioUploadButton({ onUploaded, disabled }: { onUploaded: (file: AudioFile) => void; disabled?: boolean }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAudio();

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > AUDIO_MAX_BYTES) {
      toast.error(t('audio.tooLarge', { mb: AUDIO_MAX_BYTES / 1024 / 1024 }));
      return;
    }
    try {
      const name = file.name.replace(/\.[^.]+$/, '').slice(0, 120) || file.name;
      const uploaded = await upload.mutateAsync({ file, name });
      toast.success(t('audio.uploaded', { name: uploaded.name }));
      onUploaded(uploaded);
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept={[...audioContentTypes, '.wav', '.mp3', '.ogg'].join(',')}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => void onFile(event.target.files?.[0])}
      />
      <Button type="button" variant="outline" loading={upload.isPending} disabled={disabled} onClick={() => input.current?.click()}>
        {upload.isPending ? null : <Upload aria-hidden="true" />}
        {t('audio.upload')}
      </Button>
    </>
  );
}
