'use client';

import type { Permission, PermissionInfo } from '@switchboard/contracts';
import { useMemo } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { useT } from '@/lib/i18n';

type PermissionPickerProps = {
  catalog: PermissionInfo[];
  value: Permission[];
  onChange: (next: Permission[]) => void;
  disabled?: boolean;
};

/** Checkboxes grouped as the catalogue groups them, with one "whole group" box per group. */
export function PermissionPicker({ catalog, value, onChange, disabled }: PermissionPickerProps) {
  const t = useT();
  const groups = useMemo(() => {
    const byGroup = new Map<string, PermissionInfo[]>();
    for (const info of catalog) byGroup.set(info.group, [...(byGroup.get(info.group) ?? []), info]);
    return [...byGroup.entries()];
  }, [catalog]);
  const selected = new Set(value);

  const set = (keys: Permission[], on: boolean) => {
    const next = new Set(selected);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    // Catalogue order keeps the saved list stable however it was clicked.
    onChange(catalog.map((info) => info.key).filter((key) => next.has(key)));
  };

  return (
    <div className="grid gap-4 md:grid-cols-2">
      {groups.map(([group, infos]) => {
        const keys = infos.map((info) => info.key);
        const count = keys.filter((key) => selected.has(key)).length;
        const state = count === 0 ? false : count === keys.length ? true : 'indeterminate';
        const groupId = `permission-group-${group.toLowerCase().replace(/\W+/g, '-')}`;
        return (
          <fieldset key={group} className="grid content-start gap-3 rounded-lg border p-4">
            <legend className="sr-only">{group}</legend>
            <div className="flex items-center gap-3 border-b pb-3">
              <Checkbox
                id={groupId}
                checked={state}
                disabled={disabled}
                onCheckedChange={(checked) => set(keys, checked === true)}
                aria-label={t('roles.wholeGroup', { group })}
              />
              <label htmlFor={groupId} className="text-sm font-semibold">
                {group}
              </label>
              <span className="ml-auto text-xs text-muted-foreground tabular-nums">
                {count}/{keys.length}
              </span>
            </div>
            {infos.map((info) => {
              const id = `permission-${info.key}`;
              return (
                <div key={info.key} className="flex items-start gap-3">
                  <Checkbox
                    id={id}
                    checked={selected.has(info.key)}
                    disabled={disabled}
                    onCheckedChange={(checked) => set([info.key], checked === true)}
                    className="mt-0.5"
                  />
                  <label htmlFor={id} className="grid gap-0.5 text-sm">
                    <span>{info.description}</span>
                    <span className="font-mono text-xs text-muted-foreground">{info.key}</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
