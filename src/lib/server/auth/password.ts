import { hash, verify, type Algorithm } from '@node-rs/argon2';

// OWASP's argon2id floor (ASVS 11.4.2), set explicitly so a library default can never weaken it.
// `Algorithm` is an ambient const enum, so its value is written out; the type keeps it honest.
const ARGON2ID: Algorithm.Argon2id = 2;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
	return verify(stored, password);
}

/**
 * Whether a stored hash was made another way than today's (another algorithm, less memory or
 * time): it is replaced at the next successful sign-in, while the password is at hand.
 */
export function needsRehash(stored: string): boolean {
	const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
	if (!match) return true;
	const [memory, time, lanes] = match.slice(1).map(Number);
	return memory !== PARAMS.memoryCost || time !== PARAMS.timeCost || lanes !== PARAMS.parallelism;
}

let decoy: Promise<string> | undefined;

/**
 * Check a password against nothing, taking as long as a real check, so a wrong username answers
 * no faster than a wrong password and does not give away which usernames exist.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword('a password nobody has, for timing only');
	await verify(await decoy, password);
	return false;
}
