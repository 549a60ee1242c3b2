import { z } from 'zod';
import { areaIdSchema } from './areas';
import { staffRoleSchema } from './records';

/**
 * Unlocking Fellside on a device without signal: the PIN or passphrase rules, how long an offline
 * grant lasts, how many wrong tries wipe the device, and when an idle device locks. See the README's
 * "Short PINs" and security.md S11–S13.
 */

/**
 * PBKDF2-SHA256 iterations that turn a PIN or passphrase into the key wrapping the data key (OWASP
 * 2023). Never lower in production code: tests lower it only through `insecureIterationsForTests`.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** Wrong unlocks in a row that wipe this person's data from the device. */
export const MAX_WRONG_UNLOCKS = 5;
/** From this wrong try on, the unlock screen warns that the data will be wiped. */
export const WARN_FROM_WRONG_UNLOCK = 3;
export const IDLE_LOCK_MINUTES = 10;
/** How long after the last online contact a person can still unlock offline. */
export const OFFLINE_GRANT_DAYS = 14;

/**
 * A 6-digit PIN is at most a million guesses: with a copy of the device's storage, an attacker
 * tries them all offline within minutes on a graphics card, even at 600,000 PBKDF2 iterations.
 * It stops a finder at the unlock screen only together with the wrong-try wipe; against a thief
 * with the disk, rely on the device's own encryption, or choose a passphrase.
 */
export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 20;
export const PASSPHRASE_MIN_LENGTH = 10;
export const PASSPHRASE_MAX_LENGTH = 200;

/**
 * The most chosen 6- and 8-digit PINs that the digit rules below do not already refuse (Wang et
 * al., "Understanding Human-Chosen PINs", 2017; keypad shapes like 147258 and 159753).
 */
const COMMON_PINS = new Set([
	'112233',
	'789456',
	'159753',
	'520520',
	'123321',
	'696969',
	'147258',
	'102030',
	'147852',
	'258369',
	'159357',
	'123654',
	'112358',
	'753951',
	'741852',
	'963852',
	'852456',
	'456123',
	'11223344',
	'147258369'
]);

export const secretKindSchema = z.enum(['pin', 'passphrase'], { error: 'Choose a PIN or a passphrase' });
export type SecretKind = z.infer<typeof secretKindSchema>;

/** Characters as people count them (an emoji is one), not UTF-16 code units. */
const characters = (text: string) => [...text].length;

/** Is each digit one more (or each one less) than the one before, wrapping 9 to 0? */
function isRun(pin: string): boolean {
	const step = (i: number) => (Number(pin[i]) - Number(pin[i - 1]) + 10) % 10;
	const first = step(1);
	if (first !== 1 && first !== 9) return false;
	for (let i = 2; i < pin.length; i++) if (step(i) !== first) return false;
	return true;
}

/** Is the PIN one short block said again and again, like 121212 or 123123? */
function repeatsPattern(pin: string): boolean {
	for (let size = 1; size <= pin.length / 2; size++) {
		if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
	}
	return false;
}

/** What is wrong with a new PIN, in words for the person choosing it; undefined when it will do. */
export function pinProblem(pin: string): string | undefined {
	if (pin === '') return 'Enter a PIN';
	if (!/^[0-9]+$/.test(pin)) return 'Your PIN must only include the numbers 0 to 9';
	if (pin.length < PIN_MIN_DIGITS) return `Your PIN must be at least ${PIN_MIN_DIGITS} digits`;
	if (pin.length > PIN_MAX_DIGITS) return `Your PIN must be ${PIN_MAX_DIGITS} digits or fewer`;
	if (/^(.)\1*$/.test(pin)) return 'Your PIN cannot be one number repeated, like 111111';
	if (isRun(pin)) return 'Your PIN cannot be numbers in order, like 123456 or 654321';
	if (repeatsPattern(pin)) return 'Your PIN cannot be a short pattern repeated, like 121212';
	if (COMMON_PINS.has(pin)) return 'This is one of the most common PINs. Choose one that is harder to guess';
	return undefined;
}

/** What is wrong with a new passphrase; undefined when it will do. Spaces count, nothing is trimmed. */
export function passphraseProblem(passphrase: string): string | undefined {
	if (passphrase.trim() === '') return 'Enter a passphrase';
	// Bound the work before counting characters: a code point is at most 2 UTF-16 units.
	const length = passphrase.length > 2 * PASSPHRASE_MAX_LENGTH ? Infinity : characters(passphrase);
	if (length < PASSPHRASE_MIN_LENGTH)
		return `Your passphrase must be at least ${PASSPHRASE_MIN_LENGTH} characters`;
	if (length > PASSPHRASE_MAX_LENGTH)
		return `Your passphrase must be ${PASSPHRASE_MAX_LENGTH} characters or fewer`;
	return undefined;
}

const checkedBy = (problem: (value: string) => string | undefined, missing: string) =>
	z.string({ error: missing }).superRefine((value, ctx) => {
		const message = problem(value);
		if (message) ctx.addIssue({ code: 'custom', message });
	});

export const pinSchema = checkedBy(pinProblem, 'Enter a PIN');
export const passphraseSchema = checkedBy(passphraseProblem, 'Enter a passphrase');

/** A PIN or passphrase being chosen (at enrolment, or changed after an online sign-in). */
export const newUnlockSecretSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({ kind: z.literal('pin'), secret: pinSchema }),
		z.object({ kind: z.literal('passphrase'), secret: passphraseSchema })
	],
	{ error: 'Choose a PIN or a passphrase' }
);
export type UnlockSecret = z.infer<typeof newUnlockSecretSchema>;

/**
 * What may be tried at the unlock screen: anything non-empty and bounded. No strength rules here,
 * and an empty or oversized entry is refused before it costs a try.
 */
export function unlockAttemptProblem(kind: SecretKind, secret: unknown): string | undefined {
	const name = kind === 'pin' ? 'PIN' : 'passphrase';
	if (typeof secret !== 'string' || secret === '') return `Enter your ${name}`;
	const max = kind === 'pin' ? PIN_MAX_DIGITS : 2 * PASSPHRASE_MAX_LENGTH;
	if (secret.length > max) return `That is longer than any ${name} Fellside accepts`;
	return undefined;
}

/** The person a device keeps an unlock entry for, as the online sign-in described them. */
export const devicePersonSchema = z.object({
	staffId: z.uuid('staffId must be a UUID'),
	username: z.string().min(1).max(200),
	displayName: z.string().min(1).max(200),
	role: staffRoleSchema,
	areaIds: z.array(areaIdSchema).max(6)
});
export type DevicePerson = z.infer<typeof devicePersonSchema>;

/** When an offline grant ends: an ISO date-time, never in the past at the time it is given. */
export const grantUntilSchema = z.iso.datetime({
	error: 'The offline grant must end at a UTC date and time'
});

/** The end of an offline grant given now. */
export function offlineGrantUntil(from: Date, days = OFFLINE_GRANT_DAYS): string {
	return new Date(from.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}

/** Has the offline grant ended? Then only an online sign-in lets this person in again. */
export function grantEnded(grantUntil: string, now: Date): boolean {
	return !(now.getTime() < Date.parse(grantUntil));
}

/** How far a device's clock may fall back (a correction from the network, a battery swap). */
export const CLOCK_SLACK_MS = 60 * 60 * 1000;

/**
 * Has the device's clock gone back since this person last unlocked? Setting it back would stretch
 * the offline grant for ever, so only an online sign-in (which the server times) lets them in.
 */
export function clockSetBack(lastUnlockedAt: string | null, now: Date): boolean {
	if (lastUnlockedAt === null) return false;
	return now.getTime() < Date.parse(lastUnlockedAt) - CLOCK_SLACK_MS;
}

/** Why a person must sign in online before unlocking again, in words for the sign-in screen. */
export const SIGN_IN_AGAIN = {
	'grant-ended':
		'Your time to work offline on this device has ended. Sign in with your password while you have signal.',
	'clock-set-back':
		"This device's clock is earlier than when you last unlocked Fellside, so your time offline cannot be checked. Set the clock right, or sign in with your password while you have signal."
} as const;
export type SignInAgainReason = keyof typeof SIGN_IN_AGAIN;

/** Device settings, each with its default; the unlock counter never allows fewer than 3 tries. */
export const vaultSettingsSchema = z.object({
	maxWrongUnlocks: z
		.int('The number of wrong unlocks must be a whole number')
		.min(3, 'Allow at least 3 wrong unlocks before wiping')
		.max(20, 'Allow at most 20 wrong unlocks before wiping')
		.default(MAX_WRONG_UNLOCKS),
	idleLockMinutes: z
		.int('The idle lock must be a whole number of minutes')
		.min(1, 'The idle lock must be at least 1 minute')
		.max(60, 'The idle lock must be 60 minutes or fewer')
		.default(IDLE_LOCK_MINUTES),
	offlineGrantDays: z
		.int('The offline grant must be a whole number of days')
		.min(1, 'The offline grant must be at least 1 day')
		.max(90, 'The offline grant must be 90 days or fewer')
		.default(OFFLINE_GRANT_DAYS)
});
export type VaultSettings = z.infer<typeof vaultSettingsSchema>;

/** After `wrongUnlocks` wrong tries in a row: tries left before the wipe, and whether to warn. */
export function afterWrongUnlocks(
	wrongUnlocks: number,
	max = MAX_WRONG_UNLOCKS
): { remaining: number; warn: boolean; wipe: boolean } {
	const remaining = Math.max(0, max - wrongUnlocks);
	// With a low limit, still warn at least the last two tries before the wipe.
	const warnFrom = Math.max(1, Math.min(WARN_FROM_WRONG_UNLOCK, max - 2));
	return { remaining, warn: wrongUnlocks >= warnFrom, wipe: remaining === 0 };
}
