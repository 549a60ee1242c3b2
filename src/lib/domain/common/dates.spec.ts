import { describe, expect, it } from 'vitest';
import { addMonths, formatLongDate, instant, isIsoDate } from './dates';

describe('dates', () => {
	it.each([
		['2025-03-02', 12, '2026-03-02'],
		['2024-02-29', 12, '2025-02-28'],
		['2025-01-31', 1, '2025-02-28'],
		['2024-01-31', 1, '2024-02-29'],
		['2025-11-15', 3, '2026-02-15'],
		['2026-03-31', -1, '2026-02-28']
	])('%s + %i months is %s', (date, months, expected) => {
		expect(addMonths(date, months)).toBe(expected);
	});

	it('refuses to do sums on something that is not a date', () => {
		expect(() => addMonths('March', 1)).toThrow(RangeError);
	});

	it.each([
		['2025-03-01', '1 March 2025'],
		['2026-12-25', '25 December 2026']
	])('shows %s as %s', (date, expected) => {
		expect(formatLongDate(date)).toBe(expected);
	});

	it('recognises dates and instants', () => {
		expect(isIsoDate('2026-01-20')).toBe(true);
		expect(isIsoDate('20/01/2026')).toBe(false);
		expect(isIsoDate(undefined)).toBe(false);
		expect(instant('2026-01-20T07:30:00+01:00')).toBe(Date.parse('2026-01-20T06:30:00Z'));
		expect(instant('soon')).toBeNull();
		expect(instant(undefined)).toBeNull();
	});
});
