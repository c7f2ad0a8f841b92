'use client';

import { Share2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Tooltip } from '@/components/ui/tooltip';
import { useT } from '@/lib/i18n';

/** Marks a platform trunk another tenant owns: usable for outbound calls, not editable. */
export function SharedBadge() {
  const t = useT();
  return (
    <Tooltip content={t('trunks.sharedHint')}>
      <button type="button" className="rounded-full outline-none focus-visible:ring-2 focus-visible:ring-ring">
        <Badge variant="warning">
          <Share2 aria-hidden="true" />
          {t('trunks.sharedReadOnly')}
        </Badge>
      </button>
    </Tooltip>
  );
}
