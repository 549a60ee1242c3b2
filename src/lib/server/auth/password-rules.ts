import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/domain/staff';

let common: Set<string> | undefined;

/**
 * The most common passwords from breach corpora (zxcvbn-ts's list, ~49,000, most used first).
 * Only those long enough to pass the length rule matter; loaded on first use.
 */
function commonPasswords(): Set<string> {
	common ??= new Set(
		dictionary['passwords-common'].filter((password) => password.length >= PASSWORD_MIN_LENGTH)
	);
	return common;
}

/**
 * What is wrong with a new password, in words a person can act on, or null when it may be used
 * (ASVS 6.2.1, 6.2.9, 6.2.12). No rules on kinds of character: length and rarity are what count.
 */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
	if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
	const lower = password.toLowerCase();
	if (commonPasswords().has(lower)) {
		return 'This password is one of the most commonly used, so it is easy to guess. Choose a different one';
	}
	if (context.username && lower.includes(context.username.toLowerCase())) {
		return 'Password must not contain the username';
	}
	return null;
}
