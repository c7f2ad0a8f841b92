'use client';

import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { useDebouncedValue } from '@/features/destinations/components/list-filters';
import { useUserOptions } from '@/features/endpoints/queries';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { useAddQueueMembers } from '../queries';

/** Pick several users at once and add them with one penalty. */
export function AddMembersDialog({ queueId, existing }: { queueId: string; existing: Set<string> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [penalty, setPenalty] = useState('0');
  const debounced = useDebouncedValue(search.trim());
  const users = useUserOptions(debounced, open);
  const add = useAddQueueMembers(queueId);
  const candidates = users.data?.filter((user) => !existing.has(user.id)) ?? [];
  const penaltyValue = Number(penalty);
  const penaltyValid = penalty.trim() !== '' && Number.isInteger(penaltyValue) && penaltyValue >= 0 && penaltyValue <= 10;

  const toggle = (id: string, name: string, on: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (on) next.set(id, name);
      else next.delete(id);
      return next;
    });

  const submit = async () => {
    try {
      await add.mutateAsync([...picked.keys()].map((user_id) => ({ user_id, penalty: penaltyValue })));
      toast.success(t('queues.members.added', { count: picked.size }));
      setPicked(new Map());
      setOpen(false);
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <UserPlus aria-hidden="true" />
          {t('queues.members.add')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('queues.members.addTitle')}</DialogTitle>
          <DialogDescription>{t('queues.members.addDescription')}</DialogDescription>
        </DialogHeader>
        <Input
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('endpoints.searchUsers')}
          aria-label={t('endpoints.searchUsers')}
        />
        <div className="max-h-64 overflow-y-auto rounded-md border" role="group" aria-label={t('queues.members.users')}>
          {users.isPending ? (
            <div className="flex justify-center p-4">
              <Spinner />
            </div>
          ) : candidates.length === 0 ? (
            <p className="p-4 text-center text-sm text-muted-foreground">{t('queues.members.noCandidates')}</p>
          ) : (
            candidates.map((user) => {
              const id = `add-member-${user.id}`;
              return (
                <label key={user.id} htmlFor={id} className="flex items-center gap-3 border-b px-3 py-2 last:border-b-0 hover:bg-accent">
                  <Checkbox id={id} checked={picked.has(user.id)} onCheckedChange={(on) => toggle(user.id, user.name, on === true)} />
                  <span className="grid text-sm">
                    <span>{user.name}</span>
                    <span className="text-xs text-muted-foreground">{user.email}</span>
                  </span>
                </label>
              );
            })
          )}
        </div>
        <FormField
          label={t('queues.members.penalty')}
          description={t('queues.members.penaltyHint')}
          error={penaltyValid ? undefined : t('queues.members.penaltyRange')}
        >
          <Input type="number" min={0} max={10} value={penalty} onChange={(event) => setPenalty(event.target.value)} className="w-24" />
        </FormField>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={add.isPending} disabled={picked.size === 0 || !penaltyValid}>
            {picked.size > 0 ? t('queues.members.addCount', { count: picked.size }) : t('queues.members.add')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
