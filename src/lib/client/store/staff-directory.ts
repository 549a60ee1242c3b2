import { z } from 'zod';
import { colleagueSchema, type Colleague } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from './database';

/** The meta row holding the staff directory, sealed: names of the person's colleagues. */
export const STAFF_DIRECTORY = 'staff.directory';

const directorySchema = z.object({ staff: z.array(colleagueSchema) });

/** Replace the directory kept on the device with the server's latest answer. */
export async function saveStaffDirectory(db: DeviceDatabase, staff: readonly Colleague[]): Promise<void> {
	const value = await db.seal.text({ staff });
	await db.meta.put({ key: STAFF_DIRECTORY, value });
}

/**
 * The staff directory as last synced: none before the first sync that brought it. One that cannot
 * be read (sealed under another key, or altered) counts as none: the next sync replaces it, and
 * names fall back meanwhile; the records themselves are untouched.
 */
export async function readStaffDirectory(db: DeviceDatabase): Promise<Colleague[]> {
	const row = await db.meta.get(STAFF_DIRECTORY);
	if (!row) return [];
	try {
		const parsed = directorySchema.safeParse(await db.seal.openText(row.value));
		return parsed.success ? parsed.data.staff : [];
	} catch (error) {
		console.warn('The staff directory on this device could not be read; the next sync replaces it', error);
		return [];
	}
}
