import { hash, type Algorithm } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from './password';
import { passwordProblem } from './password-rules';

describe('password hashing (S05)', () => {
	it('stores argon2id with m=19456 KiB, t=2, p=1, and verifies', async () => {
		const stored = await hashPassword('correct horse battery');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(needsRehash(stored)).toBe(false);
		expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
	});

	it('marks weaker or other hashes for rehashing', async () => {
		const argon2i: Algorithm.Argon2i = 1;
		const weaker = await hash('pw', { memoryCost: 4096, timeCost: 1, parallelism: 1 });
		const other = await hash('pw', { algorithm: argon2i, memoryCost: 19456, timeCost: 2 });
		expect(needsRehash(weaker)).toBe(true);
		expect(needsRehash(other)).toBe(true);
		expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
	});

	it('a decoy check never succeeds', async () => {
		expect(await verifyAgainstDecoy('a password nobody has, for timing only')).toBe(false);
	});
});

describe('new password rules (S06)', () => {
	it.each([
		['', /at least 8 characters/],
		['seven77', /at least 8 characters/],
		['x'.repeat(129), /128 characters or fewer/],
		['password', /most commonly used/],
		['Password1', /most commonly used/],
		['iloveyou', /most commonly used/],
		['qwertyuiop', /most commonly used/],
		['1qaz2wsx', /most commonly used/],
		['SUNSHINE', /most commonly used/]
	])('refuses %j', (password, reason) => {
		expect(passwordProblem(password)).toMatch(reason);
	});

	it.each([
		['eight ch'],
		['a'.repeat(64)],
		['x'.repeat(128)],
		['Skiddaw in the sleet'],
		['wet sheep on the A66'],
		['fellside-demo'],
		['ŵŷŵŷŵŷŵŷ']
	])('accepts %j', (password) => {
		expect(passwordProblem(password)).toBeNull();
	});

	it('counts characters, not bytes', () => {
		expect(passwordProblem('🙂🙂🙂🙂🙂🙂🙂')).toMatch(/at least 8/);
		expect(passwordProblem('🙂'.repeat(128))).toBeNull();
	});

	it('refuses a password containing the username', () => {
		expect(passwordProblem('helen.irving-2026', { username: 'helen.irving' })).toMatch(/username/);
	});
});
