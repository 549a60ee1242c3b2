/**
 * The device ran out of storage for Fellside. The transaction that hit it was rolled back, so
 * everything saved before is still there and nothing is half-written.
 */
export class StorageFull extends Error {
	override name = 'StorageFull';
	constructor() {
		super(
			"This device's storage is full, so this change was not saved. Everything saved before is still here. Sync to send waiting changes, or free up space on the device, then try again."
		);
	}

	/** Screens put a device error after their own words ("could not save: …"): the message alone reads best. */
	override toString(): string {
		return this.message;
	}
}

/** Whether an error (or one it wraps, as Dexie does) is the browser's QuotaExceededError. */
export function isQuotaExceeded(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
		const wrapped = e as { inner?: unknown; cause?: unknown };
		e = wrapped.inner ?? wrapped.cause;
	}
	return false;
}

/** `StorageFull` for a quota error, anything else unchanged. */
export function asStorageFull(error: unknown): unknown {
	return isQuotaExceeded(error) && !(error instanceof StorageFull) ? new StorageFull() : error;
}
