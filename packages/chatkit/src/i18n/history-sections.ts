// The history panel's date sections: Today, Yesterday, Previous 7 days, Previous 30 days, then
// one section per month ("November 2026", in the UI's locale). Days are calendar days, local time.
import type { Translator } from './index.js';

export interface HistorySection {
  /** Stable id of the section (`today`, `yesterday`, `week`, `month`, or `YYYY-MM`). */
  key: string;
  label: string;
}

const DAY_MS = 86_400_000;

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

/** The section a thread created (or last active) at `date` belongs to, seen at `now`. */
export function historySection(
  date: Date | string,
  translator: Pick<Translator, 't' | 'formatLocale'>,
  now: Date = new Date(),
): HistorySection {
  const { t } = translator;
  const when = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(when.getTime())) return { key: 'older', label: t('Older') };
  const days = Math.round((startOfDay(now).getTime() - startOfDay(when).getTime()) / DAY_MS);
  if (days <= 0) return { key: 'today', label: t('Today') };
  if (days === 1) return { key: 'yesterday', label: t('Yesterday') };
  if (days <= 7) return { key: 'week', label: t('Previous 7 days') };
  if (days <= 30) return { key: 'month', label: t('Previous 30 days') };
  const month = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}`;
  const label = new Intl.DateTimeFormat(translator.formatLocale, {
    month: 'long',
    year: 'numeric',
  }).format(when);
  return { key: month, label };
}
