'use client';

import { Progress as ProgressPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

type ProgressProps = ComponentProps<typeof ProgressPrimitive.Root> & {
  /** Colour of the filled part; usage bars turn amber and red as they fill. */
  tone?: 'default' | 'warning' | 'destructive';
};

const toneClass = { default: 'bg-primary', warning: 'bg-warning', destructive: 'bg-destructive' };

export function Progress({ className, value, max = 100, tone = 'default', ...props }: ProgressProps) {
  const percent = value == null ? 0 : Math.min(100, Math.max(0, (value / max) * 100));
  return (
    <ProgressPrimitive.Root
      value={value}
      max={max}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        className={cn('h-full rounded-full transition-[width] duration-500', toneClass[tone])}
        style={{ width: `${percent}%` }}
      />
    </ProgressPrimitive.Root>
  );
}
