import Dexie from 'dexie';
import { DeviceDatabase } from './database';

/** The one unencrypted database every user of a device shared before stores were sealed per user. */
export const LEGACY_DATABASE_NAME = 'fellside';

export interface LegacyImport {
	/** False when the device had no old database. */
	imported: boolean;
	records: number;
	/** Changes waiting for the server, and changes it refused. */
	waiting: number;
	refused: number;
	conflicts: number;
	drafts: number;
}

/** The old database was left as it was, because importing it here would mix it with other data. */
export class LegacyImportRefused extends Error {
	override name = 'LegacyImportRefused';
	constructor() {
		super(
			"This device's older Fellside data was not moved into your store, because your store already holds records or changes. Nothing was lost: the older data is still on the device."
		);
	}
}

const TABLES = ['records', 'outbox', 'refused', 'conflicts', 'drafts', 'meta'] as const;

/**
 * Move the old shared, unencrypted store into this user's sealed store, so no change waiting on the
 * device is lost. The old database is first opened as a device database under this user's cipher:
 * its own upgrades (v1 to v5) bring it to today's shape and seal it in place, in one upgrade
 * transaction. Then every row and the sync state (client id, mutation ids, clock, cursor) are
 * written into the user's store in one transaction, and only after that commits is the old
 * database deleted. The user's store must hold no records, changes or drafts yet.
 */
export async function importLegacyStore(
	target: DeviceDatabase,
	legacyName = LEGACY_DATABASE_NAME
): Promise<LegacyImport> {
	if (!(await Dexie.exists(legacyName)))
		return { imported: false, records: 0, waiting: 0, refused: 0, conflicts: 0, drafts: 0 };

	const legacy = new DeviceDatabase(legacyName, { cipher: target.cipher });
	let rows: Record<(typeof TABLES)[number], unknown[]>;
	try {
		rows = await legacy.transaction('r', [...TABLES], async () => {
			const read = await Promise.all(TABLES.map((table) => legacy.table(table).toArray()));
			return Object.fromEntries(TABLES.map((table, i) => [table, read[i] ?? []])) as typeof rows;
		});
	} finally {
		legacy.close();
	}

	await target.transaction('rw', [...TABLES], async () => {
		const held = await Promise.all(
			[target.records, target.outbox, target.refused, target.conflicts, target.drafts].map((t) => t.count())
		);
		if (held.some((count) => count > 0)) throw new LegacyImportRefused();
		// Rows keep their keys: the outbox's order and the mutation ids already sent stay as they were.
		for (const table of TABLES) await target.table(table).bulkPut(rows[table]);
	});
	await Dexie.delete(legacyName);
	return {
		imported: true,
		records: rows.records.length,
		waiting: rows.outbox.length,
		refused: rows.refused.length,
		conflicts: rows.conflicts.length,
		drafts: rows.drafts.length
	};
}
