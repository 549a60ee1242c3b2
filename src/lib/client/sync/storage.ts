/** The browser's storage manager, where it has one (older Safari and non-secure pages do not). */
type Storage = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;
const browserStorage = (): Partial<Storage> | undefined => globalThis.navigator?.storage;

/**
 * Ask the browser to keep Fellside's data even when the device runs short of space (Safari
 * otherwise clears it after seven days without a visit). True when granted, false when refused,
 * null when the browser cannot say.
 */
export async function requestPersistentStorage(storage = browserStorage()): Promise<boolean | null> {
	try {
		if (storage?.persisted && (await storage.persisted())) return true;
		return storage?.persist ? await storage.persist() : null;
	} catch {
		return null;
	}
}

export interface StorageUse {
	/** Bytes used by this site. */
	usage: number;
	/** Bytes it may use. */
	quota: number;
}

/** How much storage Fellside uses and may use, or null when the browser cannot say. */
export async function storageUse(storage = browserStorage()): Promise<StorageUse | null> {
	try {
		const estimate = storage?.estimate ? await storage.estimate() : undefined;
		if (estimate?.usage === undefined || estimate.quota === undefined) return null;
		return { usage: estimate.usage, quota: estimate.quota };
	} catch {
		return null;
	}
}
