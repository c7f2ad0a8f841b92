'use client';

import { ivrDigits, type DestinationInput } from '@switchboard/contracts';
import { DestinationPicker } from '@/features/destinations/components/destination-picker';
import { firstErrorMessage } from '@/features/destinations/form-errors';
import { useT } from '@/lib/i18n';

type Option = { digit: (typeof ivrDigits)[number]; destination: DestinationInput };

/** One row per key of the phone pad; "not used" leaves the digit out of the menu. */
export function DigitOptionsEditor({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: Option[];
  onChange: (value: Option[]) => void;
  errors: unknown;
  disabled?: boolean;
}) {
  const t = useT();
  const setDigit = (digit: Option['digit'], destination: DestinationInput | null) => {
    const rest = value.filter((option) => option.digit !== digit);
    const next = destination ? [...rest, { digit, destination }] : rest;
    // Kept in keypad order so the API's field paths (options.N) match what the user reads.
    onChange(next.sort((a, b) => ivrDigits.indexOf(a.digit) - ivrDigits.indexOf(b.digit)));
  };
  return (
    <div className="divide-y rounded-lg border">
      {ivrDigits.map((digit) => {
        const index = value.findIndex((option) => option.digit === digit);
        const option = index >= 0 ? value[index] : undefined;
        const error = index >= 0 ? firstErrorMessage((errors as unknown[] | undefined)?.[index]) : undefined;
        return (
          <div key={digit} className="grid gap-2 p-3 sm:grid-cols-[3rem_1fr] sm:items-start">
            <span
              className="flex size-9 items-center justify-center rounded-md border bg-muted font-mono text-base font-semibold"
              aria-hidden="true"
            >
              {digit}
            </span>
            <div className="grid gap-1">
              <DestinationPicker
                value={option?.destination ?? null}
                onChange={(destination) => setDigit(digit, destination)}
                noneLabel={t('ivr.digitUnused')}
                ariaLabel={t('ivr.digitLabel', { digit })}
                disabled={disabled}
                control={{
                  id: `ivr-digit-${digit === '*' ? 'star' : digit === '#' ? 'hash' : digit}`,
                  'aria-invalid': error ? true : undefined,
                  'aria-describedby': undefined,
                }}
              />
              {error ? (
                <p role="alert" className="text-xs font-medium text-destructive">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
