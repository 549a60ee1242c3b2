import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { fieldErrors } from './errors';
import { addressSchema, isoDateSchema, phoneSchema, postcodeSchema } from './fields';
import { defineLifecycle } from './lifecycle';
import { formatPhone, normalisePhone } from './phone';
import { normalisePostcode } from './postcode';

describe('postcodes', () => {
	it.each([
		['ca12 5dj', 'CA12 5DJ'],
		['CA125DJ', 'CA12 5DJ'],
		[' la9  4ht ', 'LA9 4HT'],
		['la23-1aa', 'LA23 1AA'],
		['SW1A1AA', 'SW1A 1AA'],
		['M1 1AE', 'M1 1AE']
	])('normalises %s to %s', (input, expected) => {
		expect(normalisePostcode(input)).toBe(expected);
	});

	it.each(['', 'CA12', 'CA12 5CJ', '12345', 'CA12 5DJX', 'QA1 1AA'])('refuses %s', (input) => {
		expect(normalisePostcode(input)).toBeNull();
	});

	it('gives a schema error a person can act on', () => {
		const result = postcodeSchema.safeParse('nowhere');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('Enter a real postcode, like CA12 5DJ');
	});
});

describe('phone numbers', () => {
	it.each([
		['07700 900123', '+447700900123'],
		['+44 7700 900123', '+447700900123'],
		['+44 (0)7700 900123', '+447700900123'],
		['0044 1768 772000', '+441768772000'],
		['01768-772000', '+441768772000'],
		['(016977) 3000', '+44169773000'],
		['020 7946 0000', '+442079460000']
	])('normalises %s to %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	it.each(['', '12345', '0770090012', '077009001234', '+33 1 23 45 67 89', 'call me', '00000000000'])(
		'refuses %s',
		(input) => {
			expect(normalisePhone(input)).toBeNull();
		}
	);

	it.each([
		['+447700900123', '07700 900123'],
		['+441768772000', '01768 772000'],
		['+441614960000', '0161 496 0000'],
		['+442079460000', '020 7946 0000']
	])('shows %s as %s', (input, expected) => {
		expect(formatPhone(input)).toBe(expected);
	});

	it('schema stores E.164 and explains a refusal', () => {
		expect(phoneSchema.parse('07700 900 123')).toBe('+447700900123');
		expect(phoneSchema.safeParse('999').error?.issues[0]?.message).toMatch(/^Enter a UK phone number/);
	});
});

describe('dates', () => {
	it('accepts real dates and refuses impossible ones', () => {
		expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
		expect(isoDateSchema.safeParse('2023-02-29').error?.issues[0]?.message).toBe('Enter a real date');
		expect(isoDateSchema.safeParse('29/02/2024').error?.issues[0]?.message).toBe(
			'Enter a date, like 2026-11-23'
		);
	});
});

describe('fieldErrors', () => {
	it('lists one message per field with its path', () => {
		const result = addressSchema.safeParse({ line1: ' ', town: '', postcode: 'x' });
		expect(fieldErrors(result.error as z.ZodError)).toEqual([
			{ path: 'line1', message: 'Enter the first line of the address' },
			{ path: 'town', message: 'Enter the town or village' },
			{ path: 'postcode', message: 'Enter a real postcode, like CA12 5DJ' }
		]);
	});
});

describe('defineLifecycle', () => {
	type S = 'open' | 'closed';
	const lifecycle = defineLifecycle<S, { reason?: string }>({
		labels: { open: 'Open', closed: 'Closed' },
		moves: { open: { closed: [(r) => (r.reason ? null : 'Close needs a reason')] } }
	});

	it('allows a listed move whose guards pass', () => {
		expect(lifecycle.check('open', 'closed', { reason: 'done' })).toEqual({ ok: true });
		expect(lifecycle.next('open')).toEqual(['closed']);
	});

	it('refuses with the guard’s reason, an unlisted move, or no move at all', () => {
		expect(lifecycle.check('open', 'closed', {})).toEqual({ ok: false, reason: 'Close needs a reason' });
		expect(lifecycle.check('closed', 'open', {})).toEqual({
			ok: false,
			reason: 'A record that is closed cannot be moved to open'
		});
		expect(lifecycle.check('open', 'open', {})).toEqual({ ok: false, reason: 'It is already open' });
	});
});
