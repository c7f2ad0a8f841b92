import type { Schedule, TimeCondition } from '@switchboard/contracts';
import type { Translate } from '@/lib/i18n';

export function describeTimeCondition(condition: TimeCondition | null, schedules: Schedule[] | undefined, t: Translate) {
  if (!condition) return t('dids.timeCondition.none');
  if (condition.mode === 'business_hours') return t('dids.timeCondition.businessHours');
  const schedule = schedules?.find((s) => s.id === condition.schedule_id);
  return schedule ? t('dids.timeCondition.scheduleNamed', { name: schedule.name }) : t('dids.timeCondition.schedule');
}
