'use client';

import { originateSchema } from '@switchboard/contracts';
import { Phone } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage, isApiError } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useOriginate } from '@/features/calls/queries';

/** Dial a number: the agent's own phone rings first, then the number is called. */
export function ClickToCall({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const originate = useOriginate();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = originateSchema.safeParse({ number });
    if (!parsed.success) {
      setError(t('agentConsole.dial.invalid'));
      return;
    }
    setError(undefined);
    originate.mutate(parsed.data.number, {
      onSuccess: () => {
        toast.success(t('agentConsole.dial.started'));
        setNumber('');
      },
      onError: (err) => {
        // 422: no endpoint is assigned to this user, so there is no phone to ring first.
        const message = isApiError(err, 'UNPROCESSABLE')
          ? t('agentConsole.dial.noPhone')
          : errorMessage(err, t);
        setError(message);
        toast.error(message);
      },
    });
  };

  return (
    <form onSubmit={submit} className="grid gap-3" noValidate>
      <FormField label={t('agentConsole.dial.label')} error={error} description={t('agentConsole.dial.hint')}>
        <Input
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          inputMode="tel"
          autoComplete="tel"
          placeholder="+15555550123"
          className="font-mono"
          disabled={disabled}
        />
      </FormField>
      <Button
        type="submit"
        loading={originate.isPending}
        disabled={disabled || !number.trim()}
        className="w-full sm:w-fit"
      >
        <Phone aria-hidden="true" />
        {t('agentConsole.dial.call')}
      </Button>
    </form>
  );
}
