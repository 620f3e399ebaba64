// The records pages' choices: an export's range never runs past today nor backwards, dates
// move across month ends, and the receipt typed stops at two blocks of four.
import { describe, expect, it } from 'vitest';
import { freshRecordsForm, moveDay, typedReceipt, typeReceipt } from './records-form.ts';

// Tuesday 24 November 2026, 14:00 in Japan (05:00 UTC).
const NOW = new Date('2026-11-24T05:00:00Z');

describe('the records pages’ dates', () => {
  it('starts on today’s report and the last 7 days to export', () => {
    expect(freshRecordsForm(NOW)).toMatchObject({ day: '2026-11-24', from: '2026-11-18', to: '2026-11-24' });
  });

  it('never goes past today, and never lets the range run backwards', () => {
    const form = freshRecordsForm(NOW);
    expect(moveDay(form, 'day', 1, NOW).day).toBe('2026-11-24');
    expect(moveDay(form, 'to', 7, NOW).to).toBe('2026-11-24');
    expect(moveDay(form, 'from', 7, NOW).from).toBe('2026-11-24');
    expect(moveDay(form, 'to', -7, NOW).to).toBe('2026-11-18');
    expect(moveDay(moveDay(form, 'from', -7, NOW), 'to', -7, NOW)).toMatchObject({ from: '2026-11-11', to: '2026-11-17' });
  });

  it('moves across month and year ends by the calendar', () => {
    const form = { ...freshRecordsForm(NOW), day: '2026-03-01', from: '2026-01-01' };
    expect(moveDay(form, 'day', -1, NOW).day).toBe('2026-02-28');
    expect(moveDay(form, 'from', -1, NOW).from).toBe('2025-12-31');
  });
});

describe('the receipt typed', () => {
  it('is looked up only with both blocks, stops there, and forgets the last lookup on any change', () => {
    let form = freshRecordsForm(NOW);
    for (const key of 'K7MQ3XW') form = typeReceipt(form, { key });
    expect(typedReceipt(form)).toBeUndefined();
    form = typeReceipt(form, { key: 'D' });
    expect(typedReceipt(form)).toBe('K7MQ-3XWD');
    expect(typeReceipt(form, { key: 'A' }).typed).toBe('K7MQ3XWD');
    const looked = { ...form, lookedUp: 'K7MQ-3XWD' };
    expect(typeReceipt(looked, 'backspace')).toMatchObject({ typed: 'K7MQ3XW', lookedUp: undefined });
  });
});
