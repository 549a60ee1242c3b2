import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testId } from '$lib/client/store/testing';
import type { DevicePerson, UnlockSecret } from '$lib/domain/unlock';
import { fieldCipher, SealBroken, type Sealed } from './cipher';
import { DEVICE_USERS_DATABASE, dexieOptions, type IndexedDbSource } from './device-users-database';
import { VaultInputRefused } from './refused';
import { DeviceUsers, userCaches, type DeviceUsersOptions, type UnlockedUser } from './users';

const alice: DevicePerson = {
	staffId: testId(1),
	username: 'alice.coach',
	displayName: 'Alice Armstrong',
	role: 'coach',
	areaIds: ['eden']
};
const bob: DevicePerson = {
	staffId: testId(2),
	username: 'bob.fire',
	displayName: 'Bob Birkett',
	role: 'fireOfficer',
	areaIds: ['allerdale', 'copeland']
};
const ALICE_PIN: UnlockSecret = { kind: 'pin', secret: '284915' };
const BOB_PHRASE: UnlockSecret = { kind: 'passphrase', secret: 'tea at Wasdale Head' };
const START = new Date('2026-11-23T09:00:00.000Z');
const GRANT = '2026-12-07T09:00:00.000Z';

const opened: { close(): void }[] = [];
afterEach(() => {
	vi.restoreAllMocks();
	for (const db of opened.splice(0)) db.close();
});

/** A device: one IndexedDB (fake-indexeddb) that each `DeviceUsers` opens, as a page (re)load does. */
function device() {
	const idb: IndexedDbSource = { indexedDB: new IDBFactory(), IDBKeyRange };
	let now = START;
	const page = (options: DeviceUsersOptions = {}) => {
		const users = new DeviceUsers({ idb, now: () => now, insecureIterationsForTests: 1000, ...options });
		opened.push(users);
		return users;
	};
	const databases = async () => (await idb.indexedDB.databases()).map((d) => d.name);
	return { idb, page, databases, setNow: (at: string) => (now = new Date(at)) };
}

/** The person's own database with one sealed value in it, as their store will keep records. */
async function saveSealed(idb: IndexedDbSource, user: UnlockedUser, value: unknown): Promise<Sealed> {
	const db = userStore(idb, user.databaseName);
	const sealed = await user.cipher.seal(value);
	await db.table('records').put({ id: 'r1', sealed });
	return sealed;
}

async function readSealed(idb: IndexedDbSource, name: string): Promise<Sealed | undefined> {
	const row = (await userStore(idb, name).table('records').get('r1')) as { sealed: Sealed } | undefined;
	return row?.sealed;
}

function userStore(idb: IndexedDbSource, name: string): Dexie {
	const db = new Dexie(name, dexieOptions(idb));
	db.version(1).stores({ records: 'id' });
	opened.push(db);
	return db;
}

/** The device directory's rows exactly as IndexedDB holds them, read without Dexie. */
async function rawRows(idb: IndexedDbSource): Promise<Record<string, unknown>[]> {
	const db = await new Promise<IDBDatabase>((resolve, reject) => {
		const request = idb.indexedDB.open(DEVICE_USERS_DATABASE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
		const request = db.transaction('users').objectStore('users').getAll();
		request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
		request.onerror = () => reject(request.error);
	});
	db.close();
	return rows;
}

async function unlockedWith(users: DeviceUsers, person: DevicePerson, secret: string): Promise<UnlockedUser> {
	const result = await users.unlock(person.staffId, secret);
	if (result.status !== 'unlocked') throw new Error(`Expected to unlock, got ${result.status}`);
	return result.user;
}

describe('enrolling and unlocking', () => {
	it('unlocks after a reload with the right PIN, with a key that opens what was sealed at enrolment', async () => {
		const { idb, page, setNow } = device();
		const { user, earlierData } = await page().enrol(alice, ALICE_PIN, GRANT);
		expect(earlierData).toBe('none');
		expect(user).toMatchObject({
			...alice,
			secretKind: 'pin',
			databaseName: `fellside-user-${alice.staffId}`
		});
		const sealed = await saveSealed(idb, user, { name: 'Marker Ruth Pattinson' });

		setNow('2026-11-25T17:30:00.000Z');
		const again = await unlockedWith(page(), alice, '284915');
		expect(again.key.extractable).toBe(false);
		expect(await again.cipher.open(sealed)).toEqual({ name: 'Marker Ruth Pattinson' });
		expect(await page().get(alice.staffId)).toMatchObject({
			wrongUnlocks: 0,
			lastUnlockedAt: '2026-11-25T17:30:00.000Z',
			enrolledAt: START.toISOString()
		});
	});

	it('counts wrong PINs down, warns from the 3rd and wipes the database and entry on the 5th', async () => {
		const { idb, page, databases } = device();
		const users = page();
		const { user } = await users.enrol(alice, ALICE_PIN, GRANT);
		await saveSealed(idb, user, 'Marker 3 Beck Side');
		expect(await databases()).toContain(user.databaseName);

		const results = [];
		for (const pin of ['284916', '111111', '999999', '482915'])
			results.push(await users.unlock(alice.staffId, pin));
		expect(results).toEqual([
			{ status: 'wrong', remaining: 4, warn: false },
			{ status: 'wrong', remaining: 3, warn: false },
			{ status: 'wrong', remaining: 2, warn: true },
			{ status: 'wrong', remaining: 1, warn: true }
		]);
		expect((await users.get(alice.staffId))?.wrongUnlocks).toBe(4);
		expect(await databases()).toContain(user.databaseName);

		expect(await users.unlock(alice.staffId, '000001')).toEqual({
			status: 'wiped',
			removed: {
				staffId: alice.staffId,
				reason: 'tooManyWrongUnlocks',
				entry: true,
				database: user.databaseName,
				caches: []
			}
		});
		expect(await databases()).not.toContain(user.databaseName);
		expect(await rawRows(idb)).toEqual([]);
		expect(await users.unlock(alice.staffId, '284915')).toEqual({ status: 'unknown' });
	});

	it('wipes after the configured number of tries, never fewer than 3', async () => {
		const { page } = device();
		const users = page({ maxWrongUnlocks: 3 });
		await users.enrol(alice, ALICE_PIN, GRANT);
		expect(await users.unlock(alice.staffId, '000001')).toEqual({
			status: 'wrong',
			remaining: 2,
			warn: true
		});
		expect(await users.unlock(alice.staffId, '000001')).toEqual({
			status: 'wrong',
			remaining: 1,
			warn: true
		});
		expect(await users.unlock(alice.staffId, '000001')).toMatchObject({ status: 'wiped' });
		expect(() => page({ maxWrongUnlocks: 2 })).toThrow(
			'maxWrongUnlocks: Allow at least 3 wrong unlocks before wiping'
		);
	});

	it('forgives earlier wrong tries once the right secret is given', async () => {
		const { page } = device();
		const users = page();
		await users.enrol(alice, ALICE_PIN, GRANT);
		for (let i = 0; i < 4; i++) await users.unlock(alice.staffId, '000001');
		await unlockedWith(users, alice, '284915');
		expect(await users.unlock(alice.staffId, '000001')).toEqual({
			status: 'wrong',
			remaining: 4,
			warn: false
		});
	});

	it('counts a try before checking it, so a tab killed mid-check gives no free try', async () => {
		const { idb, page } = device();
		const users = page();
		await users.enrol(alice, ALICE_PIN, GRANT);
		for (let i = 0; i < 4; i++) await users.unlock(alice.staffId, '000001');

		// The 5th try dies while PBKDF2 runs, as when the tab is closed: what is on disk by then?
		let countDuringCheck: unknown;
		vi.spyOn(crypto.subtle, 'deriveKey').mockImplementationOnce(async () => {
			countDuringCheck = (await rawRows(idb))[0]?.wrongUnlocks;
			throw new Error('tab closed');
		});
		await expect(users.unlock(alice.staffId, '000002')).rejects.toThrow('tab closed');
		expect(countDuringCheck).toBe(5);

		// After the reload even the right PIN finds the tries used up.
		const result = await page().unlock(alice.staffId, '284915');
		expect(result).toMatchObject({ status: 'wiped', removed: { entry: true } });
	});

	it('refuses an empty entry without costing a try, and knows nobody it was not given', async () => {
		const { page } = device();
		const users = page();
		await users.enrol(alice, ALICE_PIN, GRANT);
		await expect(users.unlock(alice.staffId, '')).rejects.toThrow(
			new VaultInputRefused([{ path: 'secret', message: 'Enter your PIN' }])
		);
		expect((await users.get(alice.staffId))?.wrongUnlocks).toBe(0);
		expect(await users.unlock(bob.staffId, '284915')).toEqual({ status: 'unknown' });
		expect(await users.unlock('../fellside-device', '284915')).toEqual({ status: 'unknown' });
	});
});

describe('the offline grant', () => {
	it('once ended, refuses to unlock and keeps everything until renewed online', async () => {
		const { idb, page, databases, setNow } = device();
		const users = page();
		const { user } = await users.enrol(alice, ALICE_PIN, GRANT);
		const sealed = await saveSealed(idb, user, 'Marker 7 Low Fold');
		users.lock(alice.staffId);

		setNow(GRANT);
		const expired = { status: 'expired', why: 'grant-ended' };
		expect(await users.unlock(alice.staffId, '284915')).toEqual(expired);
		expect(await users.unlock(alice.staffId, '000001')).toEqual(expired);
		expect((await users.get(alice.staffId))?.wrongUnlocks).toBe(0);
		expect(await databases()).toContain(user.databaseName);

		expect(await users.renewGrant(alice.staffId, '2026-12-21T09:00:00.000Z')).toBe(true);
		const again = await unlockedWith(users, alice, '284915');
		expect(again.grantUntil).toBe('2026-12-21T09:00:00.000Z');
		expect(await again.cipher.open((await readSealed(idb, user.databaseName)) ?? sealed)).toBe(
			'Marker 7 Low Fold'
		);
	});

	it('cannot be stretched by setting the clock back: an online sign-in is needed', async () => {
		const { page, setNow } = device();
		const users = page();
		await users.enrol(alice, ALICE_PIN, GRANT);
		users.lock(alice.staffId);
		setNow('2026-12-01T09:00:00.000Z');
		await unlockedWith(users, alice, '284915');
		users.lock(alice.staffId);

		// A correction of a few minutes is nothing; a day back is.
		setNow('2026-12-01T08:30:00.000Z');
		await unlockedWith(users, alice, '284915');
		users.lock(alice.staffId);
		setNow('2026-11-30T09:00:00.000Z');
		expect(await users.unlock(alice.staffId, '284915')).toEqual({ status: 'expired', why: 'clock-set-back' });
		// Nothing tried, nothing wiped: after an online sign-in the same data key opens again.
		expect(await users.get(alice.staffId)).toMatchObject({
			wrongUnlocks: 0,
			lastUnlockedAt: '2026-12-01T08:30:00.000Z'
		});
	});

	it('refuses a grant that has already ended or is not a date', async () => {
		const { page } = device();
		const users = page();
		await expect(users.enrol(alice, ALICE_PIN, '2026-11-23T08:59:59.000Z')).rejects.toThrow(
			'grantUntil: The offline grant has already ended'
		);
		await expect(users.enrol(alice, ALICE_PIN, 'next week')).rejects.toThrow(
			'grantUntil: The offline grant must end at a UTC date and time'
		);
		expect(await users.renewGrant(alice.staffId, GRANT)).toBe(false);
	});
});

describe('a shared device', () => {
	it('gives each person their own key: one cannot open the other’s data, and wiping one leaves the other', async () => {
		const { idb, page, databases } = device();
		const users = page();
		const a = (await users.enrol(alice, ALICE_PIN, GRANT)).user;
		const b = (await users.enrol(bob, BOB_PHRASE, GRANT)).user;
		const aliceValue = await saveSealed(idb, a, 'Marker Alice’s client');
		const bobValue = await saveSealed(idb, b, 'Marker Bob’s visit');

		const reloaded = page();
		expect(await reloaded.unlock(alice.staffId, BOB_PHRASE.secret)).toMatchObject({ status: 'wrong' });
		expect(await reloaded.unlock(bob.staffId, ALICE_PIN.secret)).toMatchObject({ status: 'wrong' });
		const bobAgain = await unlockedWith(reloaded, bob, BOB_PHRASE.secret);
		await expect(bobAgain.cipher.open(aliceValue)).rejects.toBeInstanceOf(SealBroken);
		expect(await bobAgain.cipher.open(bobValue)).toBe('Marker Bob’s visit');

		const removed = await reloaded.wipe(alice.staffId, 'signedOut');
		expect(removed).toMatchObject({ entry: true, database: a.databaseName });
		expect(await databases()).not.toContain(a.databaseName);
		expect(await databases()).toContain(b.databaseName);
		expect((await reloaded.list()).map((u) => u.username)).toEqual(['bob.fire']);
		const bobLast = await unlockedWith(page(), bob, BOB_PHRASE.secret);
		expect(await bobLast.cipher.open((await readSealed(idb, b.databaseName)) as Sealed)).toBe(
			'Marker Bob’s visit'
		);
	});

	it('lists who can unlock here by name, without anything secret', async () => {
		const { page } = device();
		const users = page();
		await users.enrol(bob, BOB_PHRASE, GRANT);
		await users.enrol(alice, ALICE_PIN, GRANT);
		const listed = await users.list();
		expect(listed.map((u) => u.displayName)).toEqual(['Alice Armstrong', 'Bob Birkett']);
		expect(Object.keys(listed[0] ?? {}).sort()).toEqual(
			[
				'areaIds',
				'displayName',
				'enrolledAt',
				'grantUntil',
				'lastUnlockedAt',
				'role',
				'secretKind',
				'staffId',
				'username',
				'wrongUnlocks'
			].sort()
		);
	});
});

describe('what the device stores', () => {
	it('holds no secret and nothing that opens the data without PBKDF2', async () => {
		const { idb, page } = device();
		// Catch the extractable data key enrolment makes, to compare its bytes with what is stored.
		const made: CryptoKey[] = [];
		const generate = crypto.subtle.generateKey.bind(crypto.subtle);
		vi.spyOn(crypto.subtle, 'generateKey').mockImplementation((async (
			...args: Parameters<typeof generate>
		) => {
			const key = await generate(...args);
			made.push(key as CryptoKey);
			return key;
		}) as typeof generate);
		const { user } = await page().enrol(bob, BOB_PHRASE, GRANT);
		expect(made).toHaveLength(1);
		const keyBytes = new Uint8Array(await crypto.subtle.exportKey('raw', made[0] as CryptoKey));
		// That is the data key: a copy of its bytes opens what the enrolled user sealed.
		const copy = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
		expect(await fieldCipher(copy).open(await user.cipher.seal('Marker'))).toBe('Marker');

		const [row] = await rawRows(idb);
		expect(Object.keys(row ?? {}).sort()).toEqual(
			[
				'staffId',
				'username',
				'displayName',
				'role',
				'areaIds',
				'secretKind',
				'salt',
				'iterations',
				'wrappedKey',
				'wrongUnlocks',
				'grantUntil',
				'enrolledAt',
				'lastUnlockedAt'
			].sort()
		);
		const stored = leaves(row);
		const secretBytes = new TextEncoder().encode(BOB_PHRASE.secret);
		for (const value of stored) {
			if (typeof value === 'string') expect(value).not.toContain(BOB_PHRASE.secret);
			if (value instanceof Uint8Array) {
				expect(contains(value, keyBytes)).toBe(false);
				expect(contains(value, secretBytes)).toBe(false);
			}
		}
		// The only byte fields: the salt, and the wrap (its IV, and the key sealed with a GCM tag).
		expect(
			stored
				.filter((v) => v instanceof Uint8Array)
				.map((v) => (v as Uint8Array).length)
				.sort()
		).toEqual([12, 16, 48]);
	});

	it('uses 600,000 PBKDF2 iterations unless a test asks for fewer, and raises older entries to it', async () => {
		const { idb, page } = device();
		const production = page({ insecureIterationsForTests: undefined });
		await production.enrol(alice, ALICE_PIN, GRANT);
		await page().enrol(bob, BOB_PHRASE, GRANT);
		const iterations = async () =>
			Object.fromEntries((await rawRows(idb)).map((r) => [r.username, r.iterations]));
		expect(await iterations()).toEqual({ 'alice.coach': 600_000, 'bob.fire': 1000 });

		const bobUser = (await page().unlock(bob.staffId, BOB_PHRASE.secret)) as { user: UnlockedUser };
		const sealed = await bobUser.user.cipher.seal('Marker');
		const upgraded = await unlockedWith(production, bob, BOB_PHRASE.secret);
		expect(await iterations()).toEqual({ 'alice.coach': 600_000, 'bob.fire': 600_000 });
		expect(await upgraded.cipher.open(sealed)).toBe('Marker');
		expect((await unlockedWith(page(), alice, ALICE_PIN.secret)).key.extractable).toBe(false);
	});
});

describe('enrolling again', () => {
	it('keeps the data key when the person is unlocked, under their new PIN only', async () => {
		const { idb, page } = device();
		const users = page();
		const { user } = await users.enrol(alice, ALICE_PIN, GRANT);
		const sealed = await saveSealed(idb, user, 'Marker 2 Church Brow');

		const moved = { ...alice, areaIds: ['south-lakeland' as const] };
		const again = await users.enrol(
			moved,
			{ kind: 'passphrase', secret: 'rain over Coniston' },
			'2026-12-10T09:00:00.000Z'
		);
		expect(again.earlierData).toBe('kept');
		expect(again.user).toMatchObject({
			secretKind: 'passphrase',
			areaIds: ['south-lakeland'],
			grantUntil: '2026-12-10T09:00:00.000Z'
		});
		expect(await again.user.cipher.open(sealed)).toBe('Marker 2 Church Brow');

		const reloaded = page();
		expect(await reloaded.unlock(alice.staffId, '284915')).toMatchObject({ status: 'wrong' });
		const last = await unlockedWith(reloaded, alice, 'rain over Coniston');
		expect(await last.cipher.open(sealed)).toBe('Marker 2 Church Brow');

		const pinAgain = await reloaded.rewrap(last, { kind: 'pin', secret: '730519' });
		expect(await pinAgain.cipher.open(sealed)).toBe('Marker 2 Church Brow');
		expect(await page().unlock(alice.staffId, '730519')).toMatchObject({ status: 'unlocked' });
	});

	it('wipes, and says so, when the person is locked: their old data could not be read again', async () => {
		const { idb, page, databases } = device();
		const { user } = await page().enrol(alice, ALICE_PIN, GRANT);
		await saveSealed(idb, user, 'Marker 9 Mill Yard');

		const again = await page().enrol(alice, { kind: 'pin', secret: '730519' }, GRANT);
		expect(again.earlierData).toBe('wiped');
		expect(again.removed).toMatchObject({
			reason: 'enrolledAgainWhileLocked',
			entry: true,
			database: user.databaseName
		});
		expect(await databases()).not.toContain(user.databaseName);
		expect(await page().unlock(alice.staffId, '284915')).toMatchObject({ status: 'wrong' });
	});

	it('will not rewrap for someone who is locked', async () => {
		const { page } = device();
		const users = page();
		const { user } = await users.enrol(alice, ALICE_PIN, GRANT);
		users.lock(alice.staffId);
		await expect(users.rewrap(user, { kind: 'pin', secret: '730519' })).rejects.toThrow('Unlock first');
	});

	it('refuses a weak PIN or a malformed person with the reason', async () => {
		const { page } = device();
		const users = page();
		await expect(users.enrol(alice, { kind: 'pin', secret: '123456' }, GRANT)).rejects.toThrow(
			'secret: Your PIN cannot be numbers in order, like 123456 or 654321'
		);
		await expect(users.enrol({ ...alice, staffId: 'alice' }, ALICE_PIN, GRANT)).rejects.toThrow(
			'staffId: staffId must be a UUID'
		);
		expect(await users.list()).toEqual([]);
	});
});

describe('wiping', () => {
	it('removes the person’s caches where the platform has Cache Storage', async () => {
		const { page } = device();
		const names = new Set<string>();
		const caches = { delete: async (name: string) => names.delete(name) };
		const users = page({ caches });
		await users.enrol(alice, ALICE_PIN, GRANT);
		for (const name of [...userCaches(alice.staffId), 'fellside-shell-v1']) names.add(name);

		const removed = await users.wipe(alice.staffId, 'disabledOnServer');
		expect(removed.caches).toEqual([`fellside-user-${alice.staffId}`]);
		expect([...names]).toEqual(['fellside-shell-v1']);
		await expect(users.wipe('*', 'signedOut')).rejects.toBeInstanceOf(VaultInputRefused);
	});

	it('removes the entry first, so a database that fails to delete is unreadable and swept up later', async () => {
		const { idb, page, databases } = device();
		const { user } = await page().enrol(alice, ALICE_PIN, GRANT);
		await saveSealed(idb, user, 'Marker 1 Stile End');
		const failing = page({
			deleteDatabase: async (name) => {
				throw new Error(`Could not delete ${name}`);
			}
		});
		await expect(failing.wipe(alice.staffId, 'signedOut')).rejects.toThrow(
			`Could not delete ${user.databaseName}`
		);
		expect(await rawRows(idb)).toEqual([]);
		expect(await databases()).toContain(user.databaseName);

		const reports = await page().wipeAll('removedFromDevice');
		expect(reports).toEqual([
			{
				staffId: alice.staffId,
				reason: 'removedFromDevice',
				entry: false,
				database: user.databaseName,
				caches: []
			}
		]);
		expect(await databases()).not.toContain(user.databaseName);
	});

	it('wipes everyone, and any person’s database a cut-short wipe left behind', async () => {
		const { idb, page, databases } = device();
		const users = page();
		const a = (await users.enrol(alice, ALICE_PIN, GRANT)).user;
		const b = (await users.enrol(bob, BOB_PHRASE, GRANT)).user;
		await saveSealed(idb, a, 'Marker A');
		await saveSealed(idb, b, 'Marker B');
		const leftBehind = `fellside-user-${testId(3)}`;
		await userStore(idb, leftBehind).table('records').put({ id: 'r1' });

		const reports = await users.wipeAll();
		expect(reports.map((r) => [r.staffId, r.entry]).sort()).toEqual([
			[alice.staffId, true],
			[bob.staffId, true],
			[testId(3), false]
		]);
		expect((await databases()).filter((name) => name?.startsWith('fellside-user-'))).toEqual([]);
		expect(await users.list()).toEqual([]);
	});
});

/** Every primitive and byte array inside a stored value. */
function leaves(value: unknown): unknown[] {
	if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return [value];
	return Object.values(value).flatMap(leaves);
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
	outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}
