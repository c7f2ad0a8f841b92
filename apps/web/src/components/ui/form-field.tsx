'use client';

import { Slot } from 'radix-ui';
import { useId, type ReactElement, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Label } from './label';

export type ControlProps = {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
};

type FormFieldProps = {
  label: ReactNode;
  /** The field's error, e.g. `formState.errors.email?.message` from react-hook-form. */
  error?: string | undefined;
  description?: ReactNode;
  className?: string;
  /** Marks the label for sighted users; the control itself carries `required`/`aria-required`. */
  required?: boolean;
  /**
   * One DOM control (Input, Textarea, a SelectTrigger…) that receives id and aria attributes, or a
   * function that places them itself for composite controls.
   */
  children: ReactElement | ((control: ControlProps) => ReactNode);
};

/**
 * A label, a control, an optional hint and the error text, wired together so that screen readers
 * read the label, the hint and the error when the control gets focus.
 */
export function FormField({ label, error, description, className, required, children }: FormFieldProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control: ControlProps = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [descriptionId, errorId].filter(Boolean).join(' ') || undefined,
  };

  return (
    <div className={cn('grid gap-2', className)}>
      <Label htmlFor={id} className={cn(error && 'text-destructive')}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {typeof children === 'function' ? children(control) : <Slot.Root {...control}>{children}</Slot.Root>}
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level error (e.g. the API's message) shown above the submit button. */
export function FormError({ message, className }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className={cn(
        'rounded-md border border-destructive/30 bg-destructive/8 px-3 py-2 text-sm text-destructive',
        className,
      )}
    >
      {message}
    </div>
  );
}
