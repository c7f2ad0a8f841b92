'use client';

import { queueSchema, transferSchema, type TransferInput } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { ArrowRightLeft } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { api } from '@/lib/api/client';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useTenantKey } from '@/lib/query';
import { useCallAction } from '@/features/calls/queries';

type TargetType = TransferInput['target']['type'];

function useTransferQueues(enabled: boolean) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('queues', 'transfer-targets'),
    queryFn: async ({ signal }) => {
      const page = await api.list<unknown>('/api/v1/queues', { limit: 100 }, signal);
      return z
        .array(queueSchema)
        .parse(page.items)
        .filter((q) => q.enabled);
    },
    enabled,
  });
}

function buildTarget(type: TargetType, value: string): TransferInput['target'] {
  if (type === 'queue') return { type, queue_id: value };
  if (type === 'extension') return { type, extension: value.trim() };
  return { type, number: value.trim() };
}

/** Blind (hand over now) or attended (talk to the target first, then complete or cancel). */
export function TransferDialog({ callId, disabled }: { callId: string; disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<TransferInput['kind']>('blind');
  const [type, setType] = useState<TargetType>('extension');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const queues = useTransferQueues(open && type === 'queue');
  const action = useCallAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = transferSchema.safeParse({ kind, target: buildTarget(type, value) });
    if (!parsed.success) {
      setError(
        t(type === 'queue' ? 'agentConsole.transfer.pickQueue' : 'agentConsole.transfer.invalidTarget'),
      );
      return;
    }
    setError(undefined);
    action.mutate(
      { id: callId, action: { kind: 'transfer', input: parsed.data } },
      {
        onSuccess: () => {
          toast.success(
            t(kind === 'blind' ? 'agentConsole.transfer.blindDone' : 'agentConsole.transfer.consulting'),
          );
          setOpen(false);
          setValue('');
        },
        onError: (err) => setError(errorMessage(err, t)),
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={disabled}>
          <ArrowRightLeft aria-hidden="true" />
          {t('agentConsole.controls.transfer')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('agentConsole.transfer.title')}</DialogTitle>
          <DialogDescription>
            {t(kind === 'blind' ? 'agentConsole.transfer.blindHint' : 'agentConsole.transfer.attendedHint')}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <Tabs value={kind} onValueChange={(v) => setKind(v as TransferInput['kind'])}>
            <TabsList>
              <TabsTrigger value="blind">{t('agentConsole.transfer.blind')}</TabsTrigger>
              <TabsTrigger value="attended">{t('agentConsole.transfer.attended')}</TabsTrigger>
            </TabsList>
          </Tabs>
          <FormField label={t('agentConsole.transfer.targetType')}>
            <Select
              value={type}
              onValueChange={(v) => {
                setType(v as TargetType);
                setValue('');
                setError(undefined);
              }}
            >
              <SelectTrigger>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="extension">{t('agentConsole.transfer.extension')}</SelectItem>
                <SelectItem value="queue">{t('agentConsole.transfer.queue')}</SelectItem>
                <SelectItem value="number">{t('agentConsole.transfer.number')}</SelectItem>
              </SelectContent>
            </Select>
          </FormField>
          {type === 'queue' ? (
            <FormField
              label={t('agentConsole.transfer.queue')}
              error={error ?? (queues.error ? errorMessage(queues.error, t) : undefined)}
            >
              <Select value={value} onValueChange={setValue} disabled={queues.isLoading}>
                <SelectTrigger>
                  <SelectValue
                    placeholder={
                      queues.isLoading ? t('common.loading') : t('agentConsole.transfer.pickQueue')
                    }
                  />
                </SelectTrigger>
                <SelectContent>
                  {queues.data?.map((q) => (
                    <SelectItem key={q.id} value={q.id}>
                      {q.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
          ) : (
            <FormField
              label={t(
                type === 'extension' ? 'agentConsole.transfer.extension' : 'agentConsole.transfer.number',
              )}
              error={error}
            >
              <Input
                value={value}
                onChange={(e) => setValue(e.target.value)}
                inputMode="tel"
                className="font-mono"
                placeholder={type === 'extension' ? '1002' : '+15555550123'}
              />
            </FormField>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={action.isPending}>
              {t(
                kind === 'blind'
                  ? 'agentConsole.transfer.submitBlind'
                  : 'agentConsole.transfer.submitAttended',
              )}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
