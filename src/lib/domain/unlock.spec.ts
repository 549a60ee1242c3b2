import { describe, expect, it } from 'vitest';
import {
	afterWrongUnlocks,
	grantEnded,
	newUnlockSecretSchema,
	offlineGrantUntil,
	passphraseProblem,
	pinProblem,
	unlockAttemptProblem,
	vaultSettingsSchema
} from './unlock';

describe('a new PIN', () => {
	it.each([
		['', 'Enter a PIN'],
		['12a456', 'Your PIN must only include the numbers 0 to 9'],
		[' 284915', 'Your PIN must only include the numbers 0 to 9'],
		['２８４９１５', 'Your PIN must only include the numbers 0 to 9'],
		['28491', 'Your PIN must be at least 6 digits'],
		['2849152849152849152849', 'Your PIN must be 20 digits or fewer'],
		['000000', 'Your PIN cannot be one number repeated, like 111111'],
		['77777777', 'Your PIN cannot be one number repeated, like 111111'],
		['123456', 'Your PIN cannot be numbers in order, like 123456 or 654321'],
		['654321', 'Your PIN cannot be numbers in order, like 123456 or 654321'],
		['890123', 'Your PIN cannot be numbers in order, like 123456 or 654321'],
		['12345678', 'Your PIN cannot be numbers in order, like 123456 or 654321'],
		['121212', 'Your PIN cannot be a short pattern repeated, like 121212'],
		['123123', 'Your PIN cannot be a short pattern repeated, like 121212'],
		['12341234', 'Your PIN cannot be a short pattern repeated, like 121212'],
		['159753', 'This is one of the most common PINs. Choose one that is harder to guess'],
		['147258', 'This is one of the most common PINs. Choose one that is harder to guess']
	])('refuses %j: %s', (pin, message) => {
		expect(pinProblem(pin)).toBe(message);
	});

	it.each(['284915', '123457', '1212123', '90817263', '00000001'])('accepts %s', (pin) => {
		expect(pinProblem(pin)).toBeUndefined();
	});
});

describe('a new passphrase', () => {
	it('counts characters as people do, spaces included, and is bounded', () => {
		expect(passphraseProblem('          ')).toBe('Enter a passphrase');
		expect(passphraseProblem('short one')).toBe('Your passphrase must be at least 10 characters');
		expect(passphraseProblem('🌧️🌧️🌧️🌧️')).toBe('Your passphrase must be at least 10 characters');
		expect(passphraseProblem('wet fell r')).toBeUndefined();
		expect(passphraseProblem('é'.repeat(200))).toBeUndefined();
		expect(passphraseProblem('é'.repeat(201))).toBe('Your passphrase must be 200 characters or fewer');
		expect(passphraseProblem('x'.repeat(100_000))).toBe('Your passphrase must be 200 characters or fewer');
	});
});

describe('the secret schema', () => {
	it('checks a PIN by the PIN rules and a passphrase by the passphrase rules', () => {
		expect(newUnlockSecretSchema.parse({ kind: 'pin', secret: '284915' })).toEqual({
			kind: 'pin',
			secret: '284915'
		});
		const pin = newUnlockSecretSchema.safeParse({ kind: 'pin', secret: 'a long passphrase' });
		expect(pin.error?.issues.map((i) => i.message)).toEqual([
			'Your PIN must only include the numbers 0 to 9'
		]);
		const phrase = newUnlockSecretSchema.safeParse({ kind: 'passphrase', secret: '284915' });
		expect(phrase.error?.issues.map((i) => i.message)).toEqual([
			'Your passphrase must be at least 10 characters'
		]);
		const kind = newUnlockSecretSchema.safeParse({ kind: 'password', secret: '284915' });
		expect(kind.error?.issues[0]?.message).toBe('Choose a PIN or a passphrase');
		const missing = newUnlockSecretSchema.safeParse({ kind: 'pin', secret: 284915 });
		expect(missing.error?.issues[0]?.message).toBe('Enter a PIN');
	});

	it('lets any bounded, non-empty entry be tried at the unlock screen', () => {
		expect(unlockAttemptProblem('pin', '111111')).toBeUndefined();
		expect(unlockAttemptProblem('pin', '')).toBe('Enter your PIN');
		expect(unlockAttemptProblem('passphrase', undefined)).toBe('Enter your passphrase');
		expect(unlockAttemptProblem('pin', '1'.repeat(21))).toBe('That is longer than any PIN Fellside accepts');
	});
});

describe('wrong unlocks', () => {
	it('counts down from 5, warns from the 3rd wrong try and wipes on the 5th', () => {
		expect([1, 2, 3, 4, 5].map((n) => afterWrongUnlocks(n))).toEqual([
			{ remaining: 4, warn: false, wipe: false },
			{ remaining: 3, warn: false, wipe: false },
			{ remaining: 2, warn: true, wipe: false },
			{ remaining: 1, warn: true, wipe: false },
			{ remaining: 0, warn: true, wipe: true }
		]);
	});

	it('still warns before the wipe when the limit is low', () => {
		expect(afterWrongUnlocks(1, 3)).toEqual({ remaining: 2, warn: true, wipe: false });
		expect(afterWrongUnlocks(2, 10)).toEqual({ remaining: 8, warn: false, wipe: false });
		expect(afterWrongUnlocks(3, 10).warn).toBe(true);
		expect(afterWrongUnlocks(7, 5)).toEqual({ remaining: 0, warn: true, wipe: true });
	});
});

describe('the offline grant', () => {
	it('lasts 14 days by default and ends at its last instant', () => {
		const from = new Date('2026-11-23T09:00:00.000Z');
		const until = offlineGrantUntil(from);
		expect(until).toBe('2026-12-07T09:00:00.000Z');
		expect(grantEnded(until, new Date('2026-12-07T08:59:59.999Z'))).toBe(false);
		expect(grantEnded(until, new Date('2026-12-07T09:00:00.000Z'))).toBe(true);
		expect(grantEnded('not a date', from)).toBe(true);
	});
});

describe('vault settings', () => {
	it('defaults to 5 tries, 10 minutes and 14 days, and refuses settings that weaken the device', () => {
		expect(vaultSettingsSchema.parse({})).toEqual({
			maxWrongUnlocks: 5,
			idleLockMinutes: 10,
			offlineGrantDays: 14
		});
		const weak = vaultSettingsSchema.safeParse({
			maxWrongUnlocks: 2,
			idleLockMinutes: 0,
			offlineGrantDays: 1.5
		});
		expect(weak.error?.issues.map((i) => i.message)).toEqual([
			'Allow at least 3 wrong unlocks before wiping',
			'The idle lock must be at least 1 minute',
			'The offline grant must be a whole number of days'
		]);
	});
});
