import type { Transaction } from 'dexie';
import type { Conflict } from '$lib/domain/sync/protocol';
import type { Draft, OutboxEntry, RefusedChange, StoredRecord } from './database';
import type { StoreSealer } from './sealing';

/**
 * Version 4 → 5: everything an older version kept in plain text is sealed in the upgrade's own
 * transaction (records, waiting and refused changes, conflicts, drafts), so a device either has it
 * all sealed or still has it all as it was; nothing is dropped. Keys and order are kept.
 */
export async function sealInPlace(tx: Transaction, seal: StoreSealer): Promise<void> {
	const records = tx.table<StoredRecord, string>('records');
	const outbox = tx.table<OutboxEntry, number>('outbox');
	const refused = tx.table<RefusedChange, number>('refused');
	const conflicts = tx.table<Conflict, string>('conflicts');
	const drafts = tx.table<Draft, string>('drafts');
	const [r, o, f, c, d] = await Promise.all([
		records.toArray(),
		outbox.toArray(),
		refused.toArray(),
		conflicts.toArray(),
		drafts.toArray()
	]);
	const [sealedRecords, sealedEntries, sealedRefused, sealedConflicts, sealedDrafts] = await Promise.all([
		seal.records(r),
		seal.entries(o),
		seal.refused(f),
		seal.conflicts(c),
		seal.drafts(d)
	]);
	await Promise.all([
		tx.table('records').bulkPut(sealedRecords),
		tx.table('outbox').bulkPut(sealedEntries),
		tx.table('refused').bulkPut(sealedRefused),
		tx.table('conflicts').bulkPut(sealedConflicts),
		tx.table('drafts').bulkPut(sealedDrafts)
	]);
}
