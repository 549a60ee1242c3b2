import { describe, expect, it } from 'vitest';
import {
	formatNhsNumber,
	isValidNhsNumber,
	nhsCheckDigit,
	nhsNumberSchema,
	normaliseNhsNumber,
	NHS_NUMBER_MESSAGES
} from './nhs-number';

describe('normaliseNhsNumber', () => {
	it.each([
		['943 476 5919', '9434765919'],
		['943-476-5919', '9434765919'],
		[' 9434765919 ', '9434765919'],
		['943 – 476 – 5919', '9434765919'],
		['943\t476\u00a05919', '9434765919']
	])('reads %j as %s', (input, expected) => {
		expect(normaliseNhsNumber(input)).toBe(expected);
	});

	it.each(['', '943 476 591', '94347659190', '943.476.5919', 'NHS 9434765919', '943476591O', '+4494347659'])(
		'refuses %j',
		(input) => {
			expect(normaliseNhsNumber(input)).toBeNull();
		}
	);
});

describe('isValidNhsNumber (Modulus 11)', () => {
	it.each([
		'943 476 5919', // the NHS's own example
		'4010232137',
		'999 000 0018', // the 999 range is never issued to patients: used in our fixtures
		'999 000 0050' // 11 − remainder 0 = 11, which becomes check digit 0
	])('accepts %s', (input) => {
		expect(isValidNhsNumber(input)).toBe(true);
	});

	it.each([
		['9434765918', 'wrong check digit'],
		['4010232138', 'wrong check digit'],
		['4010232173', 'two digits swapped'],
		['943 476 591', 'nine digits'],
		['not a number', 'not digits']
	])('refuses %s (%s)', (input) => {
		expect(isValidNhsNumber(input)).toBe(false);
	});

	it('refuses every number whose check digit would be 10', () => {
		expect(nhsCheckDigit('999123456')).toBeNull();
		for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`999123456${last}`)).toBe(false);
	});

	it('refuses all-same-digit numbers, which pass the check but are never issued', () => {
		for (let d = 0; d <= 9; d++) {
			const same = String(d).repeat(10);
			expect(nhsCheckDigit(same.slice(0, 9))).toBe(d);
			expect(isValidNhsNumber(same)).toBe(false);
		}
	});

	it('computes check digits with weights 10 down to 2', () => {
		expect(nhsCheckDigit('943476591')).toBe(9);
		expect(nhsCheckDigit('999000005')).toBe(0);
		expect(nhsCheckDigit('12345678')).toBeNull();
	});
});

describe('formatNhsNumber', () => {
	it.each([
		['9434765919', '943 476 5919'],
		['943-476-5919', '943 476 5919'],
		['unknown', 'unknown']
	])('shows %s as %s', (input, expected) => {
		expect(formatNhsNumber(input)).toBe(expected);
	});
});

describe('nhsNumberSchema', () => {
	it('stores the 10 digits', () => {
		expect(nhsNumberSchema.parse('943 476 5919')).toBe('9434765919');
	});

	it.each([
		['12345', NHS_NUMBER_MESSAGES.format],
		['943 476 5918', NHS_NUMBER_MESSAGES.invalid],
		['000 000 0000', NHS_NUMBER_MESSAGES.invalid]
	])('explains why %s is refused', (input, message) => {
		expect(nhsNumberSchema.safeParse(input).error?.issues.map((i) => i.message)).toEqual([message]);
	});

	it('says what a valid number looks like', () => {
		expect(NHS_NUMBER_MESSAGES).toEqual({
			format: 'NHS number must be 10 digits, like 943 476 5919',
			invalid: 'Enter a real NHS number: check each digit'
		});
	});
});
