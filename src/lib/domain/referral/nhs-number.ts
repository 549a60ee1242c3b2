import { z } from 'zod';

/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit. People copy them from letters and the NHS
 * App as `943 476 5919` or `943-476-5919`; we store the 10 digits and show them grouped 3-3-4.
 *
 * All-same-digit numbers (`000 000 0000`, `999 999 9999`) are refused although they pass the check:
 * the weights sum to 54 ≡ −1 (mod 11), so every repeated digit is its own check digit. None is ever
 * issued, and they are what people type when they do not know the number.
 */

// Spaces, hyphens and the dashes phones substitute for them.
const SEPARATORS = /[\s\u2010-\u2015-]/g;

/** The 10 digits of an NHS number typed with any spacing or dashes, or null if it is not 10 digits. */
export function normaliseNhsNumber(input: string): string | null {
	const digits = input.replace(SEPARATORS, '');
	return /^\d{10}$/.test(digits) ? digits : null;
}

/** The check digit for the first nine digits, or null when the remainder rule says none exists (10). */
export function nhsCheckDigit(nineDigits: string): number | null {
	if (!/^\d{9}$/.test(nineDigits)) return null;
	let total = 0;
	for (let i = 0; i < 9; i++) total += Number(nineDigits.charAt(i)) * (10 - i);
	const check = 11 - (total % 11);
	if (check === 11) return 0;
	return check === 10 ? null : check;
}

export function isValidNhsNumber(input: string): boolean {
	const digits = normaliseNhsNumber(input);
	if (!digits || /^(\d)\1{9}$/.test(digits)) return false;
	return nhsCheckDigit(digits.slice(0, 9)) === Number(digits.charAt(9));
}

/** `9434765919` → `943 476 5919`; anything that is not 10 digits comes back as it was. */
export function formatNhsNumber(input: string): string {
	const digits = normaliseNhsNumber(input);
	return digits ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : input;
}

export const NHS_NUMBER_MESSAGES = {
	format: 'NHS number must be 10 digits, like 943 476 5919',
	invalid: 'Enter a real NHS number: check each digit'
} as const;

/** Stores the 10 digits; says whether the shape or the check digit is wrong. */
export const nhsNumberSchema = z.string({ error: NHS_NUMBER_MESSAGES.format }).transform((value, ctx) => {
	const digits = normaliseNhsNumber(value);
	if (!digits) {
		ctx.addIssue({ code: 'custom', message: NHS_NUMBER_MESSAGES.format });
		return z.NEVER;
	}
	if (!isValidNhsNumber(digits)) {
		ctx.addIssue({ code: 'custom', message: NHS_NUMBER_MESSAGES.invalid });
		return z.NEVER;
	}
	return digits;
});
