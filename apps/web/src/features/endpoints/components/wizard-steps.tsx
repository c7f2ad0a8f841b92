import { Check } from 'lucide-react';
import { cn } from '@/lib/utils';

/** "1 Kind — 2 Details — 3 Settings", with the current step marked for screen readers too. */
export function WizardSteps({ steps, current }: { steps: string[]; current: number }) {
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm">
      {steps.map((label, index) => {
        const number = index + 1;
        const done = number < current;
        const active = number === current;
        return (
          <li key={label} className="flex items-center gap-2" aria-current={active ? 'step' : undefined}>
            <span
              className={cn(
                'flex size-6 items-center justify-center rounded-full border text-xs font-medium',
                active && 'border-primary bg-primary text-primary-foreground',
                done && 'border-primary text-primary',
              )}
            >
              {done ? <Check className="size-3.5" aria-hidden="true" /> : number}
            </span>
            <span className={cn(active ? 'font-medium' : 'text-muted-foreground')}>{label}</span>
            {number < steps.length ? <span className="mx-1 h-px w-6 bg-border" aria-hidden="true" /> : null}
          </li>
        );
      })}
    </ol>
  );
}
