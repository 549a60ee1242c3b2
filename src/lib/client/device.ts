import { tick } from 'svelte';
import { kindOf } from '$lib/domain/record-kinds';
import { RECORD_TYPES } from '$lib/domain/records';
import { storeClosedElsewhere } from './app-update.svelte';
import { describeDevice } from './device-name';
import { draftsWritten } from './draft-writes';
import { clearMapData } from './map/clear';
import { DeviceSession } from './session/session.svelte';
import { DeviceDatabase } from './store/database';
import { DeviceStore } from './store/device-store';
import { importLegacyStore, LegacyImportRefused } from './store/legacy';
import { closedElsewhereError } from './store/updated-elsewhere';
import { SyncEngine } from './sync/engine';
import { HttpSyncTransport } from './sync/http-transport';
import { DeviceSync } from './sync/sync.svelte';
import { DeviceUsers, type UnlockedUser } from './vault/users';

/**
 * The device as the screens reach it: who can unlock here (`deviceSession`), and, once someone
 * has, their own encrypted store and its sync. Nothing opens during prerendering.
 */

interface OpenDevice {
	user: UnlockedUser;
	store: DeviceStore;
	sync: DeviceSync;
	stopSync: () => void;
}

let session: DeviceSession | undefined;
let open: OpenDevice | undefined;

/** Nobody is unlocked: there is no store to read until someone is. */
export class DeviceLocked extends Error {
	override name = 'DeviceLocked';
	constructor() {
		super('Fellside is locked on this device: unlock it to see your records.');
	}
}

export function deviceSession(): DeviceSession {
	session ??= new DeviceSession({
		users: new DeviceUsers(),
		open: openFor,
		close,
		clearShared: clearMapData
	});
	return session;
}

async function openFor(user: UnlockedUser): Promise<void> {
	await close();
	// Another tab took the store away: nothing here may open it again until this tab reloads.
	if (storeClosedElsewhere.reason) throw closedElsewhereError(storeClosedElsewhere.reason);
	const db = new DeviceDatabase(user.databaseName, { cipher: user.cipher });
	db.onClosedElsewhere((reason) => {
		storeClosedElsewhere.mark(reason);
		if (open?.store.database !== db) return;
		open.sync.closedElsewhere(closedElsewhereError(reason));
		open.stopSync();
	});
	// Work kept before this device encrypted its store moves into the first person's, sealed;
	// for anyone after them it stays where it is (and is said so) rather than mix with theirs.
	await importLegacyStore(db).catch((error: unknown) => {
		if (!(error instanceof LegacyImportRefused)) throw error;
	});
	const engine = new SyncEngine(db, {
		transport: new HttpSyncTransport({ onAccountDisabled: () => void disabledOnServer(user) }),
		deviceName: describeDevice(navigator.userAgent)
	});
	const sync = new DeviceSync(db, engine);
	open = { user, store: new DeviceStore(db), sync, stopSync: sync.start() };
	// Search words are worked out in the background, in memory only. A failure here (e.g. the store
	// locked meanwhile) is not lost: a search builds what is missing and reports its own failure.
	db.searchIndex.build(RECORD_TYPES.map(kindOf)).catch(() => undefined);
}

async function close(): Promise<void> {
	const closing = open;
	open = undefined;
	closing?.stopSync();
	// Forms that were on screen write their last keystrokes as they go: let them land first.
	await tick();
	await draftsWritten();
	closing?.store.database.close();
}

async function disabledOnServer(user: UnlockedUser): Promise<void> {
	await deviceSession().remove(
		user.staffId,
		'disabledOnServer',
		`${user.displayName}'s account has been disabled, so their work was removed from this device.`
	);
}

/** The unlocked person's device store. Throws `DeviceLocked` before anyone unlocks. */
export function deviceStore(): DeviceStore {
	if (!open) throw new DeviceLocked();
	return open.store;
}

/** Sync between the unlocked person's store and the Fellside server the app came from. */
export function deviceSync(): DeviceSync {
	if (!open) throw new DeviceLocked();
	return open.sync;
}
