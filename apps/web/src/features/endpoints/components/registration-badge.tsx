'use client';

import type { Reachability, Registration } from '@switchboard/contracts';
import { Badge } from '@/components/ui/badge';
import { Tooltip } from '@/components/ui/tooltip';
import { useFormat, useT } from '@/lib/i18n';

/** Registered (with its contacts in a tooltip) or unregistered, as Asterisk's ps_contacts says. */
export function RegistrationBadge({
  registration,
  reachability,
}: {
  registration: Registration;
  reachability?: Reachability;
}) {
  const t = useT();
  const format = useFormat();
  if (registration.status === 'registered' && reachability === 'unreachable') {
    return (
      <Badge variant="destructive" title={t('endpoints.registration.unreachableHint')}>
        {t('endpoints.registration.unreachable')}
      </Badge>
    );
  }
  if (registration.status !== 'registered') {
    return <Badge variant="secondary">{t('endpoints.registration.unregistered')}</Badge>;
  }
  const details = (
    <div className="grid gap-2">
      {registration.contacts.map((contact) => (
        <div key={contact.uri} className="grid gap-0.5">
          <span className="font-mono break-all">{contact.uri}</span>
          {contact.user_agent ? <span>{contact.user_agent}</span> : null}
          <span className="opacity-80">
            {t('endpoints.registration.expires', { time: format.dateTime(contact.expires_at) })}
          </span>
        </div>
      ))}
    </div>
  );
  return (
    <Tooltip content={details}>
      <button type="button" className="rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring">
        <Badge variant="success">
          <span className="size-1.5 rounded-full bg-current" aria-hidden="true" />
          {t('endpoints.registration.registered')}
        </Badge>
      </button>
    </Tooltip>
  );
}
