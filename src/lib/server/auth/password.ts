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
