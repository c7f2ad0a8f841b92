'use client';

import { destinationTypes, type DestinationInput, type DestinationType } from '@switchboard/contracts';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { ControlProps } from '@/components/ui/form-field';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { destinationKey, destinationTypeLabelKeys } from '../describe';
import { useDestinationOptions } from '../queries';

const noneValue = '__none';

type DestinationPickerProps = {
  value: DestinationInput | null | undefined;
  onChange: (value: DestinationInput | null) => void;
  /** Offers an empty choice stored as null, labelled e.g. "Hang up" for a queue overflow. */
  noneLabel?: string;
  disabled?: boolean;
  /** From <FormField> so the label and error belong to the type select. */
  control?: ControlProps;
  /** Kinds the caller may not route to (an IVR menu pointing at itself is allowed by the API). */
  excludeTypes?: DestinationType[];
  /** Names the kind select when no visible label points at it (e.g. "Key 1"). */
  ariaLabel?: string;
  className?: string;
};

function emptyDestination(type: DestinationType): DestinationInput {
  switch (type) {
    case 'queue':
      return { type, queue_id: '' };
    case 'endpoint':
    case 'voicemail':
      return { type, endpoint_id: '' };
    case 'ivr':
      return { type, ivr_menu_id: '' };
    case 'external':
      return { type, number: '' };
    case 'hangup':
      return { type };
  }
}

function withTarget(type: DestinationType, id: string): DestinationInput {
  switch (type) {
    case 'queue':
      return { type, queue_id: id };
    case 'ivr':
      return { type, ivr_menu_id: id };
    case 'endpoint':
    case 'voicemail':
      return { type, endpoint_id: id };
    default:
      return emptyDestination(type);
  }
}

/**
 * Where a call goes: a kind (queue, extension, IVR menu, voicemail, external number, hang up), then
 * the target of that kind from GET /api/v1/destinations, or a number for external calls.
 */
export function DestinationPicker({
  value,
  onChange,
  noneLabel,
  disabled,
  control,
  excludeTypes = [],
  ariaLabel,
  className,
}: DestinationPickerProps) {
  const t = useT();
  const options = useDestinationOptions();
  const type = value?.type;
  const targets = (options.data ?? []).filter((option) => option.kind === type);
  const selectedKey = value ? destinationKey(value) : null;
  const needsTarget = type === 'queue' || type === 'endpoint' || type === 'voicemail' || type === 'ivr';

  return (
    <div className={cn('grid gap-2 sm:grid-cols-2', className)}>
      <Select
        value={type ?? noneValue}
        onValueChange={(next) =>
          onChange(next === noneValue ? null : emptyDestination(next as DestinationType))
        }
        disabled={disabled}
      >
        <SelectTrigger {...control} aria-label={ariaLabel ?? (control ? undefined : t('destinations.type'))}>
          <SelectValue placeholder={t('destinations.choose')} />
        </SelectTrigger>
        <SelectContent>
          {noneLabel !== undefined ? <SelectItem value={noneValue}>{noneLabel}</SelectItem> : null}
          {destinationTypes
            .filter((kind) => !excludeTypes.includes(kind))
            .map((kind) => (
              <SelectItem key={kind} value={kind}>
                {t(destinationTypeLabelKeys[kind])}
              </SelectItem>
            ))}
        </SelectContent>
      </Select>
      {needsTarget && type ? (
        <Select
          value={selectedKey && !selectedKey.endsWith(':') ? selectedKey : ''}
          onValueChange={(key) => onChange(withTarget(type, key.slice(key.indexOf(':') + 1)))}
          disabled={disabled || options.isPending}
        >
          <SelectTrigger
            aria-label={t('destinations.targetOf', { type: t(destinationTypeLabelKeys[type]) })}
            aria-invalid={control?.['aria-invalid']}
          >
            <SelectValue
              placeholder={
                options.isPending
                  ? t('common.loading')
                  : targets.length === 0
                    ? t('destinations.noTargets')
                    : t('destinations.chooseTarget')
              }
            />
          </SelectTrigger>
          <SelectContent>
            {targets.map((option) => {
              const key = destinationKey(option.destination) ?? option.id;
              return (
                <SelectItem key={key} value={key}>
                  {option.enabled ? option.label : t('destinations.disabledOption', { label: option.label })}
                </SelectItem>
              );
            })}
          </SelectContent>
        </Select>
      ) : null}
      {type === 'external' && value?.type === 'external' ? (
        <Input
          value={value.number}
          onChange={(event) => onChange({ type: 'external', number: event.target.value })}
          placeholder="+49 30 1234567"
          inputMode="tel"
          aria-label={t('destinations.externalNumber')}
          aria-invalid={control?.['aria-invalid']}
          disabled={disabled}
        />
      ) : null}
    </div>
  );
}
