import { describeDevice } from './device-name';
import { DeviceDatabase, userDatabaseName } from './store/database';
import { DeviceStore } from './store/device-store';
import { SyncEngine } from './sync/engine';
import { HttpSyncTransport } from './sync/http-transport';
import { DeviceSync } from './sync/sync.svelte';
import type { FieldCipher } from './vault/cipher';

let store: DeviceStore | undefined;
let sync: DeviceSync | undefined;

/** Nobody has unlocked this device yet: there is no store to read until someone does. */
export class DeviceLocked extends Error {
	override name = 'DeviceLocked';
	constructor() {
		super('Fellside is locked on this device: unlock it to see your records.');
	}
}

/**
 * The seam for the unlock flow: open this member of staff's own store, sealed with the field cipher
 * their unlocked data key gives. Another user's store, if one was open, is closed first.
 */
export function openDeviceStore(staffId: string, cipher: FieldCipher): DeviceStore {
	store?.database.close();
	sync = undefined;
	store = new DeviceStore(new DeviceDatabase(userDatabaseName(staffId), { cipher }));
	return store;
}

/** The unlocked user's device store (never opened during prerendering). Throws `DeviceLocked` before unlock. */
export function deviceStore(): DeviceStore {
	if (!store) throw new DeviceLocked();
	return store;
}

/** Sync between this browser's store and the Fellside server it was loaded from. */
export function deviceSync(): DeviceSync {
	const db = deviceStore().database;
	const deviceName = describeDevice(navigator.userAgent);
	sync ??= new DeviceSync(db, new SyncEngine(db, { transport: new HttpSyncTransport(), deviceName }));
	return sync;
}
