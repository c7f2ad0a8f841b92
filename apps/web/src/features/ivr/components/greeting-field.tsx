'use client';

import type { Greeting } from '@switchboard/contracts';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { AudioUploadButton } from '@/features/audio/components/audio-upload-button';
import { useAudioOptions } from '@/features/audio/queries';
import { useT } from '@/lib/i18n';

type Mode = 'none' | 'sound' | 'audio';

/** No greeting, an Asterisk sound by name, or an uploaded prompt (pick one or upload a new one). */
export function GreetingField({
  value,
  onChange,
  error,
  disabled,
}: {
  value: Greeting | null | undefined;
  onChange: (value: Greeting | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const audio = useAudioOptions();
  const mode: Mode = value ? value.type : 'none';

  const setMode = (next: Mode) => {
    if (next === 'none') onChange(null);
    else if (next === 'sound') onChange({ type: 'sound', name: '' });
    else onChange({ type: 'audio', audio_id: audio.data?.[0]?.id ?? '' });
  };

  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <FormField label={t('ivr.fields.greeting')} description={t('ivr.hints.greeting')}>
        {(control) => (
          <Select value={mode} onValueChange={(next) => setMode(next as Mode)} disabled={disabled}>
            <SelectTrigger {...control}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="none">{t('ivr.greeting.none')}</SelectItem>
              <SelectItem value="sound">{t('ivr.greeting.sound')}</SelectItem>
              <SelectItem value="audio">{t('ivr.greeting.audio')}</SelectItem>
            </SelectContent>
          </Select>
        )}
      </FormField>
      {value?.type === 'sound' ? (
        <FormField label={t('ivr.fields.soundName')} error={error} description={t('ivr.hints.soundName')}>
          <Input
            value={value.name}
            onChange={(event) => onChange({ type: 'sound', name: event.target.value })}
            placeholder="custom/welcome"
            className="font-mono"
            disabled={disabled}
          />
        </FormField>
      ) : null}
      {value?.type === 'audio' ? (
        <FormField label={t('ivr.fields.audioFile')} error={error}>
          {(control) => (
            <div className="flex gap-2">
              <Select
                value={value.audio_id}
                onValueChange={(audio_id) => onChange({ type: 'audio', audio_id })}
                disabled={disabled || audio.isPending}
              >
                <SelectTrigger {...control}>
                  <SelectValue placeholder={audio.data?.length === 0 ? t('ivr.greeting.noAudio') : t('destinations.chooseTarget')} />
                </SelectTrigger>
                <SelectContent>
                  {audio.data?.map((file) => (
                    <SelectItem key={file.id} value={file.id}>
                      {file.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <AudioUploadButton disabled={disabled} onUploaded={(file) => onChange({ type: 'audio', audio_id: file.id })} />
            </div>
          )}
        </FormField>
      ) : null}
    </div>
  );
}
