import type { Conflict } from '$lib/domain/sync/protocol';
import type { DeviceDatabase, OutboxEntry, RefusedChange, StoredRecord } from '../../store/database';
import { META, readMeta } from '../../store/meta';

/**
 * What the sync and conflict screens show, read from the device in one transaction so the lists
 * agree with each other: changes waiting, changes refused, open conflicts and their records.
 */
export interface SyncDetails {
	/** Local changes waiting for the server, oldest first. */
	waiting: OutboxEntry[];
	refused: RefusedChange[];
	/** Open conflicts not yet settled on this device. */
	conflicts: Conflict[];
	/** Open conflicts settled here whose resolution is still waiting to be sent. */
	settledHere: number;
	/** The records all of these are about. */
	records: Map<string, StoredRecord>;
	/** This device's client id, so its own side of a conflict reads "this device"; null before any change. */
	clientId: string | null;
}

export async function readSyncDetails(db: DeviceDatabase): Promise<SyncDetails> {
	return db.transaction('r', [db.outbox, db.refused, db.conflicts, db.records, db.meta], async () => {
		const [waiting, refused, open, clientId] = await Promise.all([
			db.outbox.orderBy('seq').toArray(),
			db.refused.orderBy('id').toArray(),
			db.conflicts.where('status').equals('open').toArray(),
			readMeta(db.meta, META.clientId)
		]);
		const settling = new Set(waiting.flatMap((entry) => entry.resolves ?? []));
		const conflicts = open
			.filter((conflict) => !settling.has(conflict.id))
			.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
		const ids = [
			...new Set([...waiting, ...refused.map((row) => row.entry), ...conflicts].map((row) => row.recordId))
		];
		const found = await db.records.bulkGet(ids);
		const records = new Map(found.filter((r): r is StoredRecord => !!r).map((r) => [r.id, r]));
		return {
			waiting,
			refused,
			conflicts,
			settledHere: open.length - conflicts.length,
			records,
			clientId: clientId ?? null
		};
	});
}
