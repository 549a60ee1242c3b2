import { describe, expect, it } from 'vitest';
import { formatDateTime, fromLocalInput, toLocalInput, ukDateTime } from './time';

describe('UK wall-clock times', () => {
	it('stamps an instant with the UK offset in force, so its date is the UK day', () => {
		// 23:30 UTC on 2 July is 00:30 BST on 3 July: a call after midnight belongs to the 3rd.
		expect(ukDateTime(Date.parse('2026-07-02T23:30:00Z'))).toBe('2026-07-03T00:30:00+01:00');
		expect(ukDateTime(Date.parse('2026-01-05T12:00:00Z'))).toBe('2026-01-05T12:00:00+00:00');
	});

	it('reads a datetime-local value as UK time, summer and winter', () => {
		expect(fromLocalInput('2026-09-03T10:05')).toBe('2026-09-03T10:05:00+01:00');
		expect(fromLocalInput('2026-01-03T10:05')).toBe('2026-01-03T10:05:00+00:00');
		expect(Date.parse(fromLocalInput('2026-09-03T10:05'))).toBe(Date.parse('2026-09-03T09:05:00Z'));
	});

	it('leaves anything else for the schema to refuse in its own words', () => {
		expect(fromLocalInput('yesterday')).toBe('yesterday');
		expect(fromLocalInput('')).toBe('');
	});

	it('shows a stored time in UK time for the input and for people', () => {
		expect(toLocalInput('2026-09-03T09:05:00Z')).toBe('2026-09-03T10:05');
		expect(toLocalInput(undefined)).toBe('');
		expect(formatDateTime('2026-09-03T09:05:00Z')).toBe('3 September 2026 at 10:05');
	});
});
