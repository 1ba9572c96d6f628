import { describe, expect, it } from 'vitest';
import { createTranslator, historySection } from '../../src/i18n/index.js';

describe('historySection', () => {
  const now = new Date(2026, 11, 7, 9, 30); // 7 December 2026, 09:30 local time
  const at = (month: number, day: number, hour = 12) => new Date(2026, month, day, hour);

  it('groups by calendar day, then by month', () => {
    const en = createTranslator('en');
    const sections = [
      at(11, 7, 0),
      at(11, 6, 23),
      at(11, 1),
      at(10, 20),
      at(10, 6),
      new Date(2025, 0, 15),
    ].map((date) => historySection(date, en, now));
    expect(sections).toEqual([
      { key: 'today', label: 'Today' },
      { key: 'yesterday', label: 'Yesterday' },
      { key: 'week', label: 'Previous 7 days' },
      { key: 'month', label: 'Previous 30 days' },
      { key: '2026-11', label: 'November 2026' },
      { key: '2025-01', label: 'January 2025' },
    ]);
  });

  it('translates labels and month names', () => {
    expect(historySection(at(11, 6), createTranslator('fr-CA'), now).label).toBe('Hier');
    expect(historySection(new Date(2026, 2, 3), createTranslator('de'), now).label).toBe(
      'März 2026',
    );
    expect(historySection(new Date(2026, 2, 3), createTranslator('ja'), now).label).toBe(
      '2026年3月',
    );
  });

  it('accepts wire timestamps and puts bad ones under Older', () => {
    expect(historySection(at(11, 7, 8).toISOString(), createTranslator('en'), now).key).toBe(
      'today',
    );
    expect(historySection('not a date', createTranslator('es'), now)).toEqual({
      key: 'older',
      label: 'Anteriores',
    });
  });
});
