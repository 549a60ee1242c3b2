import { DeviceDatabase } from './store/database';
import { DeviceStore } from './store/device-store';

let store: DeviceStore | undefined;

/** The device store for this browser, opened on first use (never during prerendering). */
export function deviceStore(): DeviceStore {
	store ??= new DeviceStore(new DeviceDatabase());
	return store;
}
