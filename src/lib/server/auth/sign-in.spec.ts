import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchAudit, type AuditStore } from '../audit';
import { available, testDatabases } from '../db/testing';
import { signIn, WRONG_CREDENTIALS } from './sign-in';
import { disabledSessionOwner, endStaffSessions, resolveSession, tokenHash } from './sessions';
import { unlockAccount } from './throttle';
import { HOUR, MINUTE, openAuthDatabase, PASSWORD, POLICY, T0, type TestStaff } from './testing';

const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDatabases)('sign-in on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let store: AuditStore;
	let helen: TestStaff;
	let n = 0;
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		store = opened.store;
	});
	afterAll(async () => opened?.cleanup());
	// Each test has its own member of staff and address, so counters never leak between tests.
	let ip = '';
	beforeEach(async () => {
		if (!available(kind)) return;
		n++;
		ip = `192.0.2.${n}`;
		helen = await opened.addStaff(`helen.${n}`);
	});

	const attempt = (password: string, when = T0, username = helen.username, from = ip) =>
		signIn(store, { username, password }, { ip: from, now: when, policy: POLICY });

	describe.skipIf(!available(kind))('', () => {
		it('S02: starts a session with a fresh 256-bit token, stored only as its SHA-256', async () => {
			const first = await attempt(PASSWORD);
			const second = await attempt(PASSWORD);
			if (!first.ok || !second.ok) throw new Error('sign-in failed');
			expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(first.token, 'base64url')).toHaveLength(32);
			expect(second.token).not.toBe(first.token);
			const rows = await opened.db
				.selectFrom('staff_session')
				.selectAll()
				.where('staff_id', '=', helen.id)
				.execute();
			expect(rows.map((r) => r.token_hash).sort()).toEqual(
				[tokenHash(first.token), tokenHash(second.token)].sort()
			);
			expect(JSON.stringify(rows)).not.toContain(first.token);
			expect(first.info).toMatchObject({
				staff: { username: helen.username, role: 'coach', areaIds: ['eden'], disabled: false },
				expiresAt: at(14 * 24 * HOUR).toISOString(),
				idleExpiresAt: at(72 * HOUR).toISOString()
			});
		});

		it('answers a wrong password and an unknown username alike', async () => {
			const wrong = await attempt('not the password');
			const unknown = await attempt(PASSWORD, T0, 'nobody.here');
			expect(wrong).toEqual({ ok: false, status: 401, code: 'unauthenticated', message: WRONG_CREDENTIALS });
			expect(unknown).toEqual(wrong);
		});

		it('S16: an injection corpus in the username is only ever a failed sign-in', async () => {
			const corpus = [
				"' OR '1'='1",
				"admin'--",
				'"; DROP TABLE staff; --',
				`${helen.username}' /*`,
				"') UNION SELECT password_hash FROM staff --",
				'%',
				'_'
			];
			for (const [i, username] of corpus.entries()) {
				const result = await attempt(PASSWORD, T0, username, `198.18.0.${i}`);
				expect(result).toMatchObject({ ok: false, status: 401 });
			}
			const staff = await opened.db.selectFrom('staff').select('username').execute();
			expect(staff.map((s) => s.username)).toContain(helen.username);
			const page = await searchAudit(opened.db, { limit: 5, staffId: "' OR '1'='1" });
			expect(page.entries).toEqual([]);
		});

		it('ignores the case and spaces around a username', async () => {
			const result = await attempt(PASSWORD, T0, `  ${helen.username.toUpperCase()} `);
			expect(result.ok).toBe(true);
		});

		it('S04: 10 wrong from one address, then the 11th waits 15 minutes with Retry-After', async () => {
			for (let i = 0; i < 10; i++)
				expect(await attempt('wrong', at(i * 1000))).toMatchObject({ status: 401 });
			const eleventh = await attempt(PASSWORD, at(11_000));
			expect(eleventh).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 15 * 60 - 2 });
			if (eleventh.ok) return;
			expect(eleventh.message).toMatch(/Try again in 15 minutes/);
			// Another address is not held up by this one.
			expect((await attempt(PASSWORD, at(12_000), helen.username, `${ip}0`)).ok).toBe(true);
			expect((await attempt(PASSWORD, at(16 * MINUTE))).ok).toBe(true);
		});

		it('S04: one address trying many usernames is stopped for the rest of the UTC day', async () => {
			const sprayer = `198.51.100.${n}`;
			for (let i = 0; i < 100; i++) await attempt('Password1', at(i), `user${i}`, sprayer);
			const next = await attempt(PASSWORD, at(200), helen.username, sprayer);
			const midnight = Date.parse('2026-11-24T00:00:00.000Z');
			expect(next).toMatchObject({
				status: 429,
				retryAfterSeconds: Math.ceil((midnight - T0.getTime() - 99) / 1000)
			});
			expect((await attempt(PASSWORD, new Date(midnight + 1000), helen.username, sprayer)).ok).toBe(true);
		});

		it('locks an account after 20 failures from anywhere, until it expires or an administrator resets it', async () => {
			for (let i = 0; i < 20; i++) await attempt('wrong', at(i), helen.username, `203.0.113.${i}`);
			const locked = await attempt(PASSWORD, at(100), helen.username, '203.0.113.99');
			expect(locked).toMatchObject({ status: 429, retryAfterSeconds: 3600 });
			await unlockAccount(opened.db, helen.username);
			expect((await attempt(PASSWORD, at(200), helen.username, '203.0.113.99')).ok).toBe(true);
		});

		it('a success clears the username counters', async () => {
			for (let i = 0; i < 9; i++) await attempt('wrong', at(i));
			expect((await attempt(PASSWORD, at(10))).ok).toBe(true);
			for (let i = 0; i < 9; i++) expect(await attempt('wrong', at(20 + i))).toMatchObject({ status: 401 });
		});

		it('refuses a disabled member of staff, saying so only to whoever knows the password', async () => {
			const gone = await opened.addStaff(`gone.${n}`, 'coach', { disabled: true });
			expect(await attempt('wrong', T0, gone.username)).toMatchObject({ status: 401 });
			expect(await attempt(PASSWORD, T0, gone.username)).toMatchObject({
				status: 403,
				code: 'account-disabled',
				message: /disabled/
			});
		});

		it('S05: replaces a weaker hash at sign-in', async () => {
			const weak = await hash(PASSWORD, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
			const old = await opened.addStaff(`old.${n}`, 'coach', { hash: weak });
			expect((await attempt(PASSWORD, T0, old.username)).ok).toBe(true);
			const row = await opened.db
				.selectFrom('staff')
				.select('password_hash')
				.where('id', '=', old.id)
				.executeTakeFirstOrThrow();
			expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
			expect((await attempt(PASSWORD, T0, old.username)).ok).toBe(true);
		});

		it('audits every outcome with device and address, never the password', async () => {
			const deviceId = '7f0b1a2c-0000-4000-8000-000000000001';
			const sign = (password: string) =>
				signIn(store, { username: helen.username, password, deviceId }, { ip, now: T0, policy: POLICY });
			await sign('my secret guess');
			await sign(PASSWORD);
			const page = await searchAudit(opened.db, { limit: 10, deviceId });
			expect(page.entries.map((e) => [e.action, e.staffId, e.ip, e.details.reason ?? null])).toEqual([
				['sign-in', helen.id, ip, null],
				['sign-in-failed', helen.id, ip, 'wrong password']
			]);
			const everything = await opened.db.selectFrom('audit_log').selectAll().execute();
			expect(JSON.stringify(everything)).not.toContain('my secret guess');
			expect(JSON.stringify(everything)).not.toContain(PASSWORD);
		});
	});

	describe.skipIf(!available(kind))('sessions (S03)', () => {
		const start = async () => {
			const result = await attempt(PASSWORD);
			if (!result.ok) throw new Error('sign-in failed');
			return result.token;
		};

		it('end after the idle timeout without use, and stay alive while used', async () => {
			const token = await start();
			let now = T0.getTime();
			for (let day = 0; day < 5; day++) {
				now += 48 * HOUR;
				expect(await resolveSession(opened.db, token, new Date(now), POLICY)).not.toBeNull();
			}
			now += 72 * HOUR;
			expect(await resolveSession(opened.db, token, new Date(now), POLICY)).toBeNull();
			// Gone for good: a later check does not bring it back.
			expect(await resolveSession(opened.db, token, new Date(now - 71 * HOUR), POLICY)).toBeNull();
		});

		it('end at the absolute timeout however much they are used', async () => {
			const token = await start();
			for (let hours = 24; hours < 14 * 24; hours += 24) {
				expect(await resolveSession(opened.db, token, at(hours * HOUR), POLICY)).not.toBeNull();
			}
			expect(await resolveSession(opened.db, token, at(14 * 24 * HOUR), POLICY)).toBeNull();
		});

		it('all stop when the member of staff is disabled, and say so to whoever holds one', async () => {
			const tokens = [await start(), await start(), await start()];
			await opened.db.updateTable('staff').set({ disabled: 1 }).where('id', '=', helen.id).execute();
			for (const token of tokens) {
				expect(await resolveSession(opened.db, token, T0, POLICY)).toBeNull();
				// Kept, so that the device is told to wipe at its next contact.
				expect(await disabledSessionOwner(opened.db, token)).toBe(helen.id);
			}
			await opened.db.updateTable('staff').set({ disabled: 0 }).where('id', '=', helen.id).execute();
			for (const token of tokens) expect(await disabledSessionOwner(opened.db, token)).toBeNull();
			expect(await endStaffSessions(opened.db, helen.id)).toBe(3);
			for (const token of tokens) expect(await resolveSession(opened.db, token, T0, POLICY)).toBeNull();
		});

		it('reject anything that is not a token without asking the database', async () => {
			for (const token of ['', 'x', `${'a'.repeat(42)}=`, "' or 1=1 --", 'a'.repeat(44)]) {
				expect(await resolveSession(opened.db, token, T0, POLICY)).toBeNull();
			}
		});
	});
});
