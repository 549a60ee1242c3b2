/**
 * Whether the browser already promised to keep Fellside's data, without asking it to (asking may
 * show a prompt, so the sync page only asks when a person presses the button). Null when the
 * browser cannot say.
 */
export async function isPersisted(
	storage: Partial<Pick<StorageManager, 'persisted'>> | undefined = globalThis.navigator?.storage
): Promise<boolean | null> {
	try {
		return storage?.persisted ? await storage.persisted() : null;
	} catch {
		return null;
	}
}
