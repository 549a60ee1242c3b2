import { DeviceDatabase, DeviceStore } from './device-store';

let store: DeviceStore | undefined;

/** The device store for this browser, opened on first use (never during prerendering). */
export function deviceStore(): DeviceStore {
	store ??= new DeviceStore(new DeviceDatabase());
	return store;
}
