import { describe, expect, it } from 'vitest';
import { apiQuery, filterProblems, filtersFromUrl, filterSearch, ukDayEnd, ukDayStart } from './filters';

const none = filtersFromUrl(new URLSearchParams());

describe('the audit screen’s filters', () => {
	it('reads what the URL holds, trimmed, and writes back only what is filled in', () => {
		const filters = filtersFromUrl(new URLSearchParams('action=sign-in&targetId=%20abc%20&colour=blue'));
		expect(filters).toEqual({ ...none, action: 'sign-in', targetId: 'abc' });
		expect(filterSearch(filters)).toBe('?action=sign-in&targetId=abc');
		expect(filterSearch(filters, 41)).toBe('?action=sign-in&targetId=abc&before=41');
		expect(filterSearch(none)).toBe('');
	});

	it('turns UK days into the instants they start and end, in GMT and in BST', () => {
		expect(ukDayStart('2026-11-23')).toBe('2026-11-23T00:00:00.000Z');
		expect(ukDayEnd('2026-11-23')).toBe('2026-11-23T23:59:59.999Z');
		expect(ukDayStart('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
		expect(ukDayEnd('2026-07-01')).toBe('2026-07-01T22:59:59.999Z');
		// The clocks go forward on 29 March 2026: that day is 23 hours long.
		expect(ukDayEnd('2026-03-29')).toBe('2026-03-29T22:59:59.999Z');
	});

	it('asks the API for the page with the filters as instants', () => {
		const filters = { ...none, staffId: 's-1', deviceId: 'd-1', from: '2026-07-01', to: '2026-07-02' };
		expect(Object.fromEntries(apiQuery(filters, '120', 25))).toEqual({
			limit: '25',
			staffId: 's-1',
			deviceId: 'd-1',
			from: '2026-06-30T23:00:00.000Z',
			to: '2026-07-02T22:59:59.999Z',
			before: '120'
		});
		expect(Object.fromEntries(apiQuery(none, null, 50))).toEqual({ limit: '50' });
	});

	it('names each problem with the field it belongs to', () => {
		expect(filterProblems(none)).toEqual([]);
		expect(filterProblems({ ...none, from: '2026-02-30', to: 'tomorrow', action: 'everything' })).toEqual([
			{ path: 'action', message: 'Choose what happened from the list' },
			{ path: 'from', message: 'From must be a real date, for example 2026-11-23' },
			{ path: 'to', message: 'To must be a real date, for example 2026-11-23' }
		]);
		expect(filterProblems({ ...none, from: '2026-11-24', to: '2026-11-23' })).toEqual([
			{ path: 'to', message: 'To must be the same as or after From' }
		]);
		expect(filterProblems({ ...none, from: '2026-11-23', to: '2026-11-23' })).toEqual([]);
		expect(filterProblems(none, '-3')).toHaveLength(1);
		expect(filterProblems(none, '17')).toEqual([]);
	});
});
