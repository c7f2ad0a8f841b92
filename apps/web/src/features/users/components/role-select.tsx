'use client';

import type { Role } from '@switchboard/contracts';
import type { ControlProps } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useT } from '@/lib/i18n';

type RoleSelectProps = {
  control: ControlProps;
  roles: Role[] | undefined;
  value: string;
  onChange: (roleId: string) => void;
  disabled?: boolean;
};

/** The tenant's roles, system roles first as the API lists them. */
export function RoleSelect({ control, roles, value, onChange, disabled }: RoleSelectProps) {
  const t = useT();
  return (
    <Select value={value || undefined} onValueChange={onChange} disabled={disabled || !roles}>
      <SelectTrigger {...control}>
        <SelectValue placeholder={roles ? t('users.fields.chooseRole') : t('common.loading')} />
      </SelectTrigger>
      <SelectContent>
        {(roles ?? []).map((role) => (
          <SelectItem key={role.id} value={role.id}>
            {role.name}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
