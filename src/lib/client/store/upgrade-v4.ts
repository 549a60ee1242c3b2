import type { Transaction } from 'dexie';
import type { AreaId } from '$lib/domain/areas';
import type { MetaRow, OutboxEntry, OutboxOp, StoredRecord } from './database';
import { keysWritten } from './changes';
import { loadClock, saveClock } from './meta';

/** An outbox entry as version 3 wrote it: the changed fields, with a move to another area mixed in. */
interface V3Entry {
	seq: number;
	recordId: string;
	type: OutboxEntry['type'];
	op: OutboxOp;
	fields: Record<string, unknown>;
	at: string;
}

/**
 * Version 3 → 4: every waiting change is kept. Its fields split into data (`set`) and the area,
 * a create gets its record's area, and each is stamped on the device's new clock in the order it
 * was made, with an empty base (the device never knew server versions). Records gain versions:
 * empty, except the keys their waiting changes wrote. The old download's resume point is dropped:
 * the first pull downloads everything again, now with versions.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
	const meta = tx.table<MetaRow, string>('meta');
	const outbox = tx.table<OutboxEntry | V3Entry, number>('outbox');
	const records = tx.table<StoredRecord, string>('records');

	const clock = await loadClock(meta, Date.now);
	const old = (await outbox.toArray()) as V3Entry[];
	const touched = new Map<string, StoredRecord>();
	for (const record of await records.bulkGet([...new Set(old.map((entry) => entry.recordId))]))
		if (record) touched.set(record.id, { ...record, versions: {} });

	const entries = old.map(({ fields, ...rest }): OutboxEntry => {
		const { areaId, ...set } = fields;
		const record = touched.get(rest.recordId);
		const area = (areaId ?? (rest.op === 'create' ? record?.areaId : undefined)) as AreaId | undefined;
		const entry: OutboxEntry = { ...rest, set, hlc: clock.tick(), base: {} };
		if (area) entry.area = area;
		if (record) for (const key of keysWritten(entry)) record.versions[key] = entry.hlc;
		return entry;
	});

	await records.toCollection().modify((record) => {
		record.versions ??= {};
	});
	await records.bulkPut([...touched.values()]);
	await outbox.bulkPut(entries);
	await saveClock(meta, clock);
	await meta.bulkDelete(['download.after', 'download.completedAt']);
}
