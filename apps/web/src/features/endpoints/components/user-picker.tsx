'use client';

import { Check, ChevronDown, UserRound } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ControlProps } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { Spinner } from '@/components/ui/spinner';
import { useDebouncedValue } from '@/features/destinations/components/list-filters';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { useUser } from '@/features/users/queries';
import { useUserOptions } from '../queries';

type UserPickerProps = {
  value: string | null | undefined;
  onChange: (userId: string | null) => void;
  control?: ControlProps;
  disabled?: boolean;
};

/** One user of the tenant (or none), searched by name or e-mail on the server. */
export function UserPicker({ value, onChange, control, disabled }: UserPickerProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim());
  const options = useUserOptions(debounced, open);

  const pick = (userId: string | null) => {
    onChange(userId);
    setOpen(false);
  };

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button type="button" variant="outline" className="w-full justify-between font-normal" disabled={disabled} {...control}>
          <span className={cn('flex items-center gap-2 truncate', !value && 'text-muted-foreground')}>
            <UserRound aria-hidden="true" />
            {value ? <SelectedUser id={value} /> : t('endpoints.noUser')}
          </span>
          <ChevronDown className="opacity-60" aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-(--radix-popover-trigger-width) p-2" align="start">
        <Input
          autoFocus
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('endpoints.searchUsers')}
          aria-label={t('endpoints.searchUsers')}
        />
        <ul className="mt-2 max-h-64 overflow-y-auto" role="listbox" aria-label={t('endpoints.fields.user')}>
          <UserOption label={t('endpoints.noUser')} selected={!value} onSelect={() => pick(null)} />
          {options.isPending ? (
            <li className="flex justify-center p-3">
              <Spinner className="size-4" />
            </li>
          ) : (
            options.data?.map((user) => (
              <UserOption
                key={user.id}
                label={user.name}
                detail={user.email}
                selected={user.id === value}
                onSelect={() => pick(user.id)}
              />
            ))
          )}
          {options.data && options.data.length === 0 ? (
            <li className="p-3 text-center text-sm text-muted-foreground">{t('endpoints.noUsersFound')}</li>
          ) : null}
        </ul>
      </PopoverContent>
    </Popover>
  );
}

function SelectedUser({ id }: { id: string }) {
  const t = useT();
  const user = useUser(id);
  if (user.data) return `${user.data.name} · ${user.data.email}`;
  return user.error ? t('endpoints.unknownUser') : t('common.loading');
}

function UserOption({
  label,
  detail,
  selected,
  onSelect,
}: {
  label: string;
  detail?: string;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <li role="option" aria-selected={selected}>
      <button
        type="button"
        onClick={onSelect}
        className="flex w-full items-center justify-between gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent"
      >
        <span className="grid">
          <span>{label}</span>
          {detail ? <span className="text-xs text-muted-foreground">{detail}</span> : null}
        </span>
        {selected ? <Check className="size-4" aria-hidden="true" /> : null}
      </button>
    </li>
  );
}
