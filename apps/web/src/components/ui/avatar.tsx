'use client';

import { Avatar as AvatarPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn, initials } from '@/lib/utils';

type AvatarProps = ComponentProps<typeof AvatarPrimitive.Root> & { name: string; src?: string | null };

/** Shows the picture when it loads, the person's initials otherwise. */
export function Avatar({ name, src, className, ...props }: AvatarProps) {
  return (
    <AvatarPrimitive.Root
      className={cn('relative flex size-8 shrink-0 overflow-hidden rounded-full', className)}
      {...props}
    >
      {src ? <AvatarPrimitive.Image src={src} alt={name} className="aspect-square size-full" /> : null}
      <AvatarPrimitive.Fallback
        className="flex size-full items-center justify-center rounded-full bg-primary/12 text-xs font-semibold text-primary"
        aria-label={name}
      >
        {initials(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
