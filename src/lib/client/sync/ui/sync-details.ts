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
	// Read together in one transaction, opened after it (the crypto needs no transaction).
	const read = await db.transaction(
		'r',
		[db.outbox, db.refused, db.conflicts, db.records, db.meta],
		async () => {
			const [waiting, refused, open, clientId] = await Promise.all([
				db.outbox.orderBy('seq').toArray(),
				db.refused.orderBy('id').toArray(),
				db.conflicts.where('status').equals('open').toArray(),
				readMeta(db.meta, META.clientId)
			]);
			const settling = new Set(waiting.flatMap((entry) => entry.resolves ?? []));
			const conflicts = open.filter((conflict) => !settling.has(conflict.id));
			const ids = [
				...new Set([...waiting, ...refused.map((row) => row.entry), ...conflicts].map((row) => row.recordId))
			];
			const records = (await db.records.bulkGet(ids)).filter((r) => r !== undefined);
			return { waiting, refused, conflicts, settledHere: open.length - conflicts.length, records, clientId };
		}
	);
	const [waiting, refused, conflicts, records] = await Promise.all([
		db.seal.openEntries(read.waiting),
		db.seal.openRefused(read.refused),
		db.seal.openConflicts(read.conflicts),
		db.seal.openRecords(read.records)
	]);
	return {
		waiting,
		refused,
		conflicts: conflicts.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt)),
		settledHere: read.settledHere,
		records: new Map(records.map((r) => [r.id, r])),
		clientId: read.clientId ?? null
	};
}
