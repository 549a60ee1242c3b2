import Dexie from 'dexie';
import {
	afterWrongUnlocks,
	devicePersonSchema,
	clockSetBack,
	grantEnded,
	grantUntilSchema,
	newUnlockSecretSchema,
	PBKDF2_ITERATIONS,
	unlockAttemptProblem,
	vaultSettingsSchema,
	type DevicePerson,
	type SecretKind,
	type SignInAgainReason,
	type UnlockSecret
} from '$lib/domain/unlock';
import { fieldCipher, type FieldCipher } from './cipher';
import {
	DeviceUsersDatabase,
	dexieOptions,
	type DeviceUserRow,
	type IndexedDbSource
} from './device-users-database';
import {
	deriveWrappingKey,
	newSalt,
	newWrappedDataKey,
	rewrapDataKey,
	unwrapDataKey,
	type WrappedKey
} from './keys';
import { parsed, VaultInputRefused } from './refused';

/**
 * `DeviceUsers`: the people who have unlocked Fellside on this device (shared devices have several),
 * each with their own encrypted database. Enrol after an online sign-in; unlock offline with a PIN
 * or passphrase while the offline grant lasts; wipe on too many wrong tries, sign-out or
 * revocation (security.md S11–S13).
 */

const USER_DATABASE_PREFIX = 'fellside-user-';

/** The IndexedDB database holding one person's records, outbox and drafts. */
export const userDatabaseName = (staffId: string): string => `${USER_DATABASE_PREFIX}${staffId}`;

/**
 * The Cache Storage caches that hold one person's data, all deleted when they are wiped. Today
 * one, named like their database, for anything of theirs kept as a response (such as photos). A
 * new per-person cache must be named here, or a wipe leaves it behind. The app shell and map
 * tiles are shared by everyone and are not listed.
 */
export function userCaches(staffId: string): string[] {
	return [userDatabaseName(staffId)];
}

/** A person in the device's directory, as screens show them: nothing secret or cryptographic. */
export type DeviceUser = Omit<DeviceUserRow, 'salt' | 'iterations' | 'wrappedKey'>;

/** A person who is unlocked: their data key lives in this object, in memory only. */
export interface UnlockedUser extends DevicePerson {
	secretKind: SecretKind;
	grantUntil: string;
	/** The data key: AES-GCM-256, non-extractable. */
	key: CryptoKey;
	cipher: FieldCipher;
	databaseName: string;
}

export type UnlockResult =
	| { status: 'unlocked'; user: UnlockedUser }
	/** Wrong secret: `remaining` tries before the wipe; `warn` when the screen must say so. */
	| { status: 'wrong'; remaining: number; warn: boolean }
	/** That try used the last one: the person's data is gone from this device. */
	| { status: 'wiped'; removed: WipeReport }
	/** The offline grant has ended (or the clock went back): sign in online. Nothing was tried or wiped. */
	| { status: 'expired'; why: SignInAgainReason }
	| { status: 'unknown' };

export type WipeReason =
	| 'tooManyWrongUnlocks'
	| 'signedOut'
	| 'disabledOnServer'
	/** A new PIN was set after an online sign-in while locked: the old key, so the old data, is lost. */
	| 'enrolledAgainWhileLocked'
	| 'removedFromDevice';

/** What a wipe removed. */
export interface WipeReport {
	staffId: string;
	reason: WipeReason;
	/** Whether the person's entry (with their wrapped key) was here to remove. */
	entry: boolean;
	/** Their database, deleted whether or not it held anything. */
	database: string;
	/** Their caches that existed and were deleted. */
	caches: string[];
}

export interface Enrolment {
	user: UnlockedUser;
	/**
	 * What became of data this device already held for them: `kept` when they were unlocked (the
	 * same data key, wrapped under the new secret), `wiped` when they were not (it could no longer
	 * be read), `none` when there was none.
	 */
	earlierData: 'none' | 'kept' | 'wiped';
	removed?: WipeReport;
}

const staffIdSchema = devicePersonSchema.shape.staffId;
const maxWrongUnlocksSchema = vaultSettingsSchema.shape.maxWrongUnlocks;

export interface DeviceUsersOptions {
	/** The browser's IndexedDB by default; fake-indexeddb in tests. */
	idb?: IndexedDbSource;
	now?: () => Date;
	/**
	 * Tests only: fewer PBKDF2 iterations than the 600,000 production uses, to keep tests fast.
	 * Never set this in the app.
	 */
	insecureIterationsForTests?: number;
	maxWrongUnlocks?: number;
	/** Deletes one IndexedDB database; by default through `idb`. */
	deleteDatabase?: (name: string) => Promise<void>;
	/** Cache Storage, when the platform has it. */
	caches?: Pick<CacheStorage, 'delete'>;
}

/** What rewrapping needs while someone is unlocked: their current wrap and the key that opens it. */
interface OpenWrap {
	wrapped: WrappedKey;
	wrappingKey: CryptoKey;
}

export class DeviceUsers {
	readonly #db: DeviceUsersDatabase;
	readonly #now: () => Date;
	readonly #iterations: number;
	readonly #maxWrongUnlocks: number;
	readonly #deleteDatabase: (name: string) => Promise<void>;
	readonly #caches: Pick<CacheStorage, 'delete'> | undefined;
	readonly #indexedDB: IDBFactory | undefined;
	/**
	 * Who is unlocked in this page, with what a new PIN needs to rewrap their key. Held in memory
	 * only and dropped on lock or wipe. (The key is non-extractable, so it cannot be wrapped again
	 * from the key itself.)
	 */
	readonly #open = new Map<string, OpenWrap>();

	constructor(options: DeviceUsersOptions = {}) {
		this.#db = new DeviceUsersDatabase(options.idb);
		this.#now = options.now ?? (() => new Date());
		this.#iterations = options.insecureIterationsForTests ?? PBKDF2_ITERATIONS;
		this.#maxWrongUnlocks = parsed(maxWrongUnlocksSchema, options.maxWrongUnlocks, 'maxWrongUnlocks');
		this.#deleteDatabase =
			options.deleteDatabase ?? ((name) => new Dexie(name, dexieOptions(options.idb)).delete());
		this.#caches = options.caches ?? globalThis.caches;
		this.#indexedDB = options.idb?.indexedDB ?? globalThis.indexedDB;
	}

	/**
	 * Sets up unlocking for a person after an online sign-in, or gives them a new PIN or passphrase.
	 * Their data key stays the same when they are unlocked here; otherwise their old data on this
	 * device cannot be read any more and is wiped first (`earlierData` says which).
	 */
	async enrol(person: DevicePerson, secret: UnlockSecret, grantUntil: string): Promise<Enrolment> {
		const who = parsed(devicePersonSchema, person);
		const chosen = parsed(newUnlockSecretSchema, secret);
		const until = this.#futureGrant(grantUntil);
		const existing = await this.#db.users.get(who.staffId);
		if (existing && this.#open.has(who.staffId)) {
			const { staffId: _id, ...profile } = who;
			await this.#db.users.update(who.staffId, { ...profile, grantUntil: until });
			return { user: await this.#rewrap(who.staffId, chosen.kind, chosen.secret), earlierData: 'kept' };
		}
		// Always clear the database: a wipe cut short may have left one with no entry.
		const removed = await this.wipe(who.staffId, 'enrolledAgainWhileLocked');
		const salt = newSalt();
		const wrappingKey = await deriveWrappingKey(chosen.secret, salt, this.#iterations);
		const { key, wrapped } = await newWrappedDataKey(wrappingKey, who.staffId);
		const now = this.#now().toISOString();
		const row: DeviceUserRow = {
			...who,
			secretKind: chosen.kind,
			salt,
			iterations: this.#iterations,
			wrappedKey: wrapped,
			wrongUnlocks: 0,
			grantUntil: until,
			enrolledAt: now,
			lastUnlockedAt: now
		};
		await this.#db.users.put(row);
		this.#open.set(who.staffId, { wrapped, wrappingKey });
		const user = unlocked(row, key);
		return existing ? { user, earlierData: 'wiped', removed } : { user, earlierData: 'none' };
	}

	/** Wraps an unlocked person's data key under a new PIN or passphrase; their data stays readable. */
	async rewrap(user: UnlockedUser, secret: UnlockSecret): Promise<UnlockedUser> {
		const chosen = parsed(newUnlockSecretSchema, secret);
		return this.#rewrap(user.staffId, chosen.kind, chosen.secret);
	}

	async #rewrap(staffId: string, kind: SecretKind, secret: string): Promise<UnlockedUser> {
		const open = this.#open.get(staffId);
		if (!open) throw new Error('Unlock first: a new PIN can only be set while unlocked');
		const salt = newSalt();
		const wrappingKey = await deriveWrappingKey(secret, salt, this.#iterations);
		const wrapped = await rewrapDataKey(open.wrapped, open.wrappingKey, wrappingKey, staffId);
		const key = await unwrapDataKey(wrapped, wrappingKey, staffId);
		const changed = { salt, iterations: this.#iterations, wrappedKey: wrapped, secretKind: kind };
		const saved = await this.#db.transaction('rw', this.#db.users, async () => {
			const updated = (await this.#db.users.update(staffId, { ...changed, wrongUnlocks: 0 })) > 0;
			return updated ? this.#db.users.get(staffId) : undefined;
		});
		if (!saved || !key) throw new Error('This person was removed from the device while the PIN was changed');
		this.#open.set(staffId, { wrapped, wrappingKey });
		return unlocked(saved, key);
	}

	/**
	 * Tries a PIN or passphrase. The try is counted on disk before the check, and forgiven once the
	 * secret proves right; the try that reaches the limit wipes the person's data.
	 */
	async unlock(staffId: string, secret: string, now = this.#now()): Promise<UnlockResult> {
		if (!staffIdSchema.safeParse(staffId).success) return { status: 'unknown' };
		const row = await this.#db.users.get(staffId);
		if (!row) return { status: 'unknown' };
		if (grantEnded(row.grantUntil, now)) return { status: 'expired', why: 'grant-ended' };
		if (clockSetBack(row.lastUnlockedAt, now)) return { status: 'expired', why: 'clock-set-back' };
		const problem = unlockAttemptProblem(row.secretKind, secret);
		if (problem) throw new VaultInputRefused([{ path: 'secret', message: problem }]);

		const tries = await this.#countTry(staffId);
		if (tries === undefined) return { status: 'unknown' };
		// Tries already used up (the last check was cut short): no check, the data goes.
		if (afterWrongUnlocks(tries - 1, this.#maxWrongUnlocks).wipe) return this.#wipedAfterTries(staffId);

		const wrappingKey = await deriveWrappingKey(secret, row.salt, row.iterations);
		const key = await unwrapDataKey(row.wrappedKey, wrappingKey, staffId);
		if (!key) {
			const { remaining, warn, wipe } = afterWrongUnlocks(tries, this.#maxWrongUnlocks);
			return wipe ? this.#wipedAfterTries(staffId) : { status: 'wrong', remaining, warn };
		}
		const opened = { wrongUnlocks: 0, lastUnlockedAt: now.toISOString() };
		await this.#db.users.update(staffId, opened);
		this.#open.set(staffId, { wrapped: row.wrappedKey, wrappingKey });
		// An entry wrapped with fewer iterations than today's is wrapped again at today's count.
		if (row.iterations < this.#iterations)
			return {
				status: 'unlocked',
				user: await this.#rewrap(staffId, row.secretKind, secret)
			};
		return { status: 'unlocked', user: unlocked({ ...row, ...opened }, key) };
	}

	/** Adds one to the wrong-unlock count on disk and gives the new count (undefined: no entry). */
	async #countTry(staffId: string): Promise<number | undefined> {
		return this.#db.transaction('rw', this.#db.users, async () => {
			const row = await this.#db.users.get(staffId);
			if (!row) return undefined;
			await this.#db.users.update(staffId, { wrongUnlocks: row.wrongUnlocks + 1 });
			return row.wrongUnlocks + 1;
		});
	}

	async #wipedAfterTries(staffId: string): Promise<UnlockResult> {
		return { status: 'wiped', removed: await this.wipe(staffId, 'tooManyWrongUnlocks') };
	}

	/** Forgets an unlocked person's rewrap material (on lock or switching user). */
	lock(staffId: string): void {
		this.#open.delete(staffId);
	}

	/**
	 * Removes a person from this device: first their entry (so at once nothing can open their data),
	 * then their database and their caches.
	 */
	async wipe(staffId: string, reason: WipeReason): Promise<WipeReport> {
		const id = parsed(staffIdSchema, staffId, 'staffId');
		this.#open.delete(id);
		const entry = await this.#db.transaction('rw', this.#db.users, async () => {
			const found = (await this.#db.users.get(id)) !== undefined;
			await this.#db.users.delete(id);
			return found;
		});
		const database = userDatabaseName(id);
		await this.#deleteDatabase(database);
		const caches: string[] = [];
		for (const name of this.#caches ? userCaches(id) : []) {
			if (await this.#caches?.delete(name)) caches.push(name);
		}
		return { staffId: id, reason, entry, database, caches };
	}

	/**
	 * Removes everyone from this device (by default because the device or account was disabled),
	 * and any person's database left behind by a cut-short wipe.
	 */
	async wipeAll(reason: WipeReason = 'disabledOnServer'): Promise<WipeReport[]> {
		const ids = new Set(await this.#db.users.toCollection().primaryKeys());
		for (const name of await this.#databaseNames()) {
			const id = name.slice(USER_DATABASE_PREFIX.length);
			if (name.startsWith(USER_DATABASE_PREFIX) && staffIdSchema.safeParse(id).success) ids.add(id);
		}
		const reports: WipeReport[] = [];
		for (const id of ids) reports.push(await this.wipe(id, reason));
		return reports;
	}

	/** The names of the databases on this device, where the platform can list them. */
	async #databaseNames(): Promise<string[]> {
		const listed = (await this.#indexedDB?.databases?.()) ?? [];
		return listed.flatMap((info) => (info.name ? [info.name] : []));
	}

	/** Extends (or shortens) a person's offline grant, as the server said at the latest online contact. */
	async renewGrant(staffId: string, until: string): Promise<boolean> {
		const id = parsed(staffIdSchema, staffId, 'staffId');
		const grantUntil = parsed(grantUntilSchema, until, 'grantUntil');
		return (await this.#db.users.update(id, { grantUntil })) > 0;
	}

	/** Everyone who can unlock on this device, by name. */
	async list(): Promise<DeviceUser[]> {
		const rows = await this.#db.users.toArray();
		return rows.map(described).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
	}

	async get(staffId: string): Promise<DeviceUser | undefined> {
		if (!staffIdSchema.safeParse(staffId).success) return undefined;
		const row = await this.#db.users.get(staffId);
		return row && described(row);
	}

	close(): void {
		this.#db.close();
	}

	#futureGrant(grantUntil: string): string {
		const until = parsed(grantUntilSchema, grantUntil, 'grantUntil');
		if (grantEnded(until, this.#now()))
			throw new VaultInputRefused([{ path: 'grantUntil', message: 'The offline grant has already ended' }]);
		return until;
	}
}

function described({ salt: _s, iterations: _i, wrappedKey: _w, ...user }: DeviceUserRow): DeviceUser {
	return user;
}

function unlocked(row: DeviceUserRow, key: CryptoKey): UnlockedUser {
	return {
		staffId: row.staffId,
		username: row.username,
		displayName: row.displayName,
		role: row.role,
		areaIds: row.areaIds,
		secretKind: row.secretKind,
		grantUntil: row.grantUntil,
		key,
		cipher: fieldCipher(key),
		databaseName: userDatabaseName(row.staffId)
	};
}
