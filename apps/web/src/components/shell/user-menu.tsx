'use client';

import Link from 'next/link';
import { KeyRound, LogOut, Monitor, Moon, ShieldCheck, Sun, SunMoon, UserRound } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useState } from 'react';
import { toast } from 'sonner';
import { Avatar } from '@/components/ui/avatar';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { errorMessage } from '@/lib/api/errors';
import { useAuth, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';

/** Account pages live under /settings (built by the settings section). */
export const accountLinks = {
  profile: '/settings/profile',
  password: '/settings/password',
  twoFactor: '/settings/two-factor',
} as const;

export function UserMenu() {
  const t = useT();
  const user = useSession();
  const { logout } = useAuth();
  const { theme, setTheme } = useTheme();
  const [loggingOut, setLoggingOut] = useState(false);

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } catch (error) {
      // The local session is gone either way; the failure only means the server kept the token.
      toast.error(errorMessage(error, t));
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={t('userMenu.label', { name: user.name })}
        className="flex items-center gap-2 rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
      >
        <Avatar name={user.name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-0.5 font-normal">
          <span className="truncate font-medium">{user.name}</span>
          <span className="truncate text-xs text-muted-foreground">{user.email}</span>
          <span className="truncate text-xs text-muted-foreground">
            {user.platform_admin && !user.tenant_id ? t('userMenu.platformAdmin') : user.role_name}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={accountLinks.profile}>
            <UserRound aria-hidden="true" />
            {t('userMenu.profile')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href={accountLinks.password}>
            <KeyRound aria-hidden="true" />
            {t('userMenu.changePassword')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href={accountLinks.twoFactor}>
            <ShieldCheck aria-hidden="true" />
            {t('userMenu.twoFactor')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            <SunMoon aria-hidden="true" />
            {t('userMenu.theme')}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={theme ?? 'system'} onValueChange={setTheme}>
              <DropdownMenuRadioItem value="light">
                <Sun aria-hidden="true" />
                {t('userMenu.themeLight')}
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="dark">
                <Moon aria-hidden="true" />
                {t('userMenu.themeDark')}
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="system">
                <Monitor aria-hidden="true" />
                {t('userMenu.themeSystem')}
              </DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={loggingOut}
          onSelect={(event) => {
            event.preventDefault();
            void onLogout();
          }}
        >
          <LogOut aria-hidden="true" />
          {loggingOut ? t('userMenu.loggingOut') : t('userMenu.logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
