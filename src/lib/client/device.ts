import { describeDevice } from './device-name';
import { DeviceDatabase } from './store/database';
import { DeviceStore } from './store/device-store';
import { SyncEngine } from './sync/engine';
import { HttpSyncTransport } from './sync/http-transport';
import { DeviceSync } from './sync/sync.svelte';

let store: DeviceStore | undefined;
let sync: DeviceSync | undefined;

/** The device store for this browser, opened on first use (never during prerendering). */
export function deviceStore(): DeviceStore {
	store ??= new DeviceStore(new DeviceDatabase());
	return store;
}

/** Sync between this browser's store and the Fellside server it was loaded from. */
export function deviceSync(): DeviceSync {
	const db = deviceStore().database;
	const deviceName = describeDevice(navigator.userAgent);
	sync ??= new DeviceSync(db, new SyncEngine(db, { transport: new HttpSyncTransport(), deviceName }));
	return sync;
}
