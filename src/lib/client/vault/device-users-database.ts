import Dexie, { type Table } from 'dexie';
import type { DevicePerson, SecretKind } from '$lib/domain/unlock';
import type { WrappedKey } from './keys';

/** The device's directory of who has unlocked here, apart from everyone's data. */
export const DEVICE_USERS_DATABASE = 'fellside-device';

/**
 * One person's unlock entry: who they are, and their data key wrapped under their PIN or
 * passphrase. Never the secret, never the unwrapped key, never anything that checks a guess
 * faster than PBKDF2 (the wrapped key's GCM tag is the only check).
 */
export interface DeviceUserRow extends DevicePerson {
	secretKind: SecretKind;
	salt: Uint8Array;
	iterations: number;
	wrappedKey: WrappedKey;
	/** Wrong unlocks in a row; written before each check, so a killed tab does not give a free try. */
	wrongUnlocks: number;
	grantUntil: string;
	enrolledAt: string;
	lastUnlockedAt: string | null;
}

/** Where IndexedDB comes from: the browser's, or fake-indexeddb in tests. */
export interface IndexedDbSource {
	indexedDB: IDBFactory;
	IDBKeyRange: typeof IDBKeyRange;
}

export const dexieOptions = (source?: IndexedDbSource) => ({
	...(source ?? {}),
	// Strict durability: a wrong-unlock count is on disk before the check it guards begins.
	chromeTransactionDurability: 'strict' as const
});

export class DeviceUsersDatabase extends Dexie {
	users!: Table<DeviceUserRow, string>;

	constructor(source?: IndexedDbSource) {
		super(DEVICE_USERS_DATABASE, dexieOptions(source));
		this.version(1).stores({ users: 'staffId' });
	}
}
