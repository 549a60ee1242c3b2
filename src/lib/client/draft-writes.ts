/** Draft writes under way, so that locking or switching person closes the store only after them. */
const writing = new Set<Promise<void>>();

export async function trackDraftWrite(write: Promise<void>): Promise<void> {
	writing.add(write);
	try {
		await write;
	} finally {
		writing.delete(write);
	}
}

export async function draftsWritten(): Promise<void> {
	await Promise.allSettled([...writing]);
}
