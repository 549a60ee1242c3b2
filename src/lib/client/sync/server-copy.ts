import { compareHlc, type HybridClock } from '$lib/domain/sync/hlc';
import type { SyncRecord } from '$lib/domain/sync/protocol';
import { applyChanges } from '../store/changes';
import { indexRecord, type DeviceDatabase, type OutboxEntry, type RecordFields } from '../store/database';

/** A record in the protocol's shape as the device keeps it, marked with the reset epoch that brought it. */
export function fromServer(record: SyncRecord, epoch?: number): RecordFields {
	const { archivedAt, ...rest } = record;
	const fields: RecordFields = { ...rest };
	if (epoch !== undefined) fields.epoch = epoch;
	if (archivedAt) fields.archivedAt = archivedAt;
	return fields;
}

/** A device record in the protocol's shape. */
export function toSyncRecord(record: RecordFields): SyncRecord {
	const { id, type, areaId, createdAt, updatedAt, data, versions } = record;
	return { id, type, areaId, createdAt, updatedAt, archivedAt: record.archivedAt ?? null, data, versions };
}

/**
 * The device's own changes to these records not yet on the server (waiting or refused), in the
 * order they were made, opened. Call inside a transaction holding the outbox and refused tables.
 */
export async function localChanges(db: DeviceDatabase, ids: string[]): Promise<Map<string, OutboxEntry[]>> {
	const [waitingRows, refusedRows] = await Promise.all([
		db.outbox.where('recordId').anyOf(ids).toArray(),
		db.refused.where('entry.recordId').anyOf(ids).toArray()
	]);
	const [waiting, refused] = await Promise.all([
		db.seal.openEntries(waitingRows),
		db.seal.openEntries(refusedRows.map((row) => row.entry))
	]);
	const byRecord = new Map<string, OutboxEntry[]>();
	const all = [...waiting, ...refused].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
	for (const entry of all) {
		const list = byRecord.get(entry.recordId) ?? [];
		list.push(entry);
		byRecord.set(entry.recordId, list);
	}
	return byRecord;
}

/**
 * Store the server's copies of records with the device's own unsent changes re-applied on top,
 * so nothing typed on the device is hidden by older server data. The clock receives the latest
 * version of them all, so the device's next change is stamped after everything it has seen (one
 * receive, not one per field: a 10,000-record download holds some 150,000 versions). Call inside a
 * write transaction.
 */
export async function storeServerCopies(
	db: DeviceDatabase,
	records: SyncRecord[],
	clock: HybridClock,
	epoch: number
): Promise<void> {
	if (records.length === 0) return;
	const local = await localChanges(
		db,
		records.map((record) => record.id)
	);
	let latest = '';
	const rows = records.map((record) => {
		for (const version of Object.values(record.versions))
			if (compareHlc(version, latest) > 0) latest = version;
		return indexRecord(applyChanges(fromServer(record, epoch), local.get(record.id) ?? []));
	});
	if (latest) clock.receive(latest);
	await db.records.bulkPut(await db.seal.records(rows));
}
