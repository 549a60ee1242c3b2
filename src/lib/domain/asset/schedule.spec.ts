import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors } from '../common';
import { SCHEDULE_DAYS, scheduleEntrySchema, scheduleSchema } from './schedule';

const errors = (schema: z.ZodType, input: unknown) => {
	const result = schema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
};

const entry = (days: string[], opens: string, closes: string) => ({ days, opens, closes });

describe('schedule days', () => {
	it('uses RFC 5545 weekday codes, Monday first, so Open Referral UK export is a join', () => {
		expect(SCHEDULE_DAYS.map((day) => day.toUpperCase()).join(',')).toBe('MO,TU,WE,TH,FR,SA,SU');
	});

	it.each([
		['no days', [], 'days', 'Select at least one day'],
		['a missing list', undefined, 'days', 'Select at least one day'],
		['a day twice', ['mo', 'mo'], 'days', 'Select each day only once'],
		['a day that is not a code', ['monday'], 'days.0', 'Select days from Monday to Sunday']
	])('refuses %s', (_, days, path, message) => {
		expect(errors(scheduleEntrySchema, { days, opens: '09:00', closes: '17:00' })).toEqual([
			{ path, message }
		]);
	});
});

describe('schedule times', () => {
	it.each([
		['00:00', '23:59'],
		['09:00', '09:01'],
		['09:30', '17:00']
	])('accepts %s to %s', (opens, closes) => {
		expect(errors(scheduleEntrySchema, entry(['mo'], opens, closes))).toEqual([]);
	});

	it.each(['9:00', '24:00', '12:60', 'noon', '', '09:00:00', '09.00'])(
		'refuses opening time "%s"',
		(opens) => {
			expect(errors(scheduleEntrySchema, entry(['mo'], opens, '17:00'))).toEqual([
				{ path: 'opens', message: 'Enter an opening time, like 09:30' }
			]);
		}
	);

	it.each(['5pm', '24:00', '17:5'])('refuses closing time "%s"', (closes) => {
		expect(errors(scheduleEntrySchema, entry(['mo'], '09:00', closes))).toEqual([
			{ path: 'closes', message: 'Enter a closing time, like 17:00' }
		]);
	});

	it('asks for missing times', () => {
		expect(errors(scheduleEntrySchema, { days: ['mo'] })).toEqual([
			{ path: 'opens', message: 'Enter an opening time, like 09:30' },
			{ path: 'closes', message: 'Enter a closing time, like 17:00' }
		]);
	});

	it.each([
		['before', '17:00', '09:00'],
		['at', '12:00', '12:00'],
		['past midnight (split it into two entries)', '22:00', '02:00']
	])('refuses closing %s opening time', (_, opens, closes) => {
		expect(errors(scheduleEntrySchema, entry(['mo'], opens, closes))).toEqual([
			{ path: 'closes', message: 'Closing time must be after opening time' }
		]);
	});

	it('does not blame the closing time for a mistyped opening time', () => {
		expect(errors(scheduleEntrySchema, entry(['mo'], '9am', '08:00'))).toEqual([
			{ path: 'opens', message: 'Enter an opening time, like 09:30' }
		]);
	});
});

describe('a week of entries', () => {
	it.each([
		['a split day', [entry(['mo'], '09:00', '12:00'), entry(['mo'], '14:00', '17:00')]],
		['one closing as the next opens', [entry(['mo'], '09:00', '12:00'), entry(['mo'], '12:00', '17:00')]],
		[
			'the same hours on other days',
			[entry(['mo', 'tu'], '09:00', '17:00'), entry(['we'], '09:00', '17:00')]
		],
		['no entries at all', []]
	])('accepts %s', (_, entries) => {
		expect(errors(scheduleSchema, entries)).toEqual([]);
	});

	it('refuses overlapping times on a day, naming the day', () => {
		expect(
			errors(scheduleSchema, [entry(['mo', 'tu'], '09:00', '12:00'), entry(['tu'], '11:00', '14:00')])
		).toEqual([{ path: '1.opens', message: 'Opening times on Tuesday must not overlap' }]);
	});

	it('flags the later opening, whatever order the entries are in', () => {
		expect(
			errors(scheduleSchema, [entry(['sa'], '11:00', '14:00'), entry(['sa'], '09:00', '12:00')])
		).toEqual([{ path: '0.opens', message: 'Opening times on Saturday must not overlap' }]);
	});

	it('finds entries inside a longer one, not just the one before', () => {
		expect(
			errors(scheduleSchema, [
				entry(['mo', 'tu', 'we', 'th', 'fr'], '09:00', '17:00'),
				entry(['we'], '10:00', '11:00'),
				entry(['we'], '12:00', '13:00')
			])
		).toEqual([
			{ path: '1.opens', message: 'Opening times on Wednesday must not overlap' },
			{ path: '2.opens', message: 'Opening times on Wednesday must not overlap' }
		]);
	});

	it('reports an entry once, even when it overlaps on several days', () => {
		expect(
			errors(scheduleSchema, [entry(['mo', 'tu'], '09:00', '17:00'), entry(['mo', 'tu'], '09:00', '17:00')])
		).toEqual([{ path: '1.opens', message: 'Opening times on Monday must not overlap' }]);
	});

	it('leaves an entry with its times the wrong way round out of the overlap check', () => {
		expect(
			errors(scheduleSchema, [entry(['mo'], '09:00', '17:00'), entry(['mo'], '12:00', '10:00')])
		).toEqual([{ path: '1.closes', message: 'Closing time must be after opening time' }]);
	});
});
