import { ChangeLog, chunks, writeTransaction, type ServerClock, type SyncDatabase } from './storage';

/**
 * Remove a record for good (erasure under UK GDPR, or retention): the record and its conflicts,
 * which hold its values, go; a tombstone tells every device to drop its copy. Devices that have not
 * pulled the conflicts yet never will. Returns false when the server does not hold the record.
 */
export async function purgeRecord(
	database: SyncDatabase,
	recordId: string,
	context: { now?: ServerClock } = {}
): Promise<boolean> {
	const now = new Date((context.now ?? Date.now)()).toISOString();
	return writeTransaction(database, async (trx) => {
		const record = await trx
			.selectFrom('record')
			.select(['id', 'type', 'area_id'])
			.where('id', '=', recordId)
			.executeTakeFirst();
		if (!record) return false;
		const conflicts = await trx
			.selectFrom('conflict')
			.select('id')
			.where('record_id', '=', recordId)
			.execute();
		if (conflicts.length > 0) {
			const ids = conflicts.map((c) => c.id);
			await trx
				.deleteFrom('change_log')
				.where('kind', '=', 'conflict')
				.where('entity_id', 'in', ids)
				.execute();
			await trx.deleteFrom('conflict').where('id', 'in', ids).execute();
		}
		await trx
			.deleteFrom('change_log')
			.where('kind', '=', 'record')
			.where('entity_id', '=', recordId)
			.execute();
		await trx.deleteFrom('record').where('id', '=', recordId).execute();
		await trx
			.insertInto('tombstone')
			.values({ record_id: recordId, type: record.type, area_id: record.area_id, deleted_at: now })
			.execute();
		const log = new ChangeLog();
		log.add({ kind: 'tombstone', entityId: recordId, type: record.type, areaId: record.area_id });
		await log.write(trx);
		return true;
	});
}

/**
 * Forget tombstones removed before `olderThan`. Their change-log rows go with them, so the newest
 * pruned sequence number becomes the oldest cursor a device may still pull from; older ones reset.
 */
export async function pruneTombstones(database: SyncDatabase, olderThan: Date): Promise<number> {
	return writeTransaction(database, async (trx) => {
		const old = await trx
			.selectFrom('tombstone')
			.innerJoin('change_log', (join) =>
				join.on('change_log.kind', '=', 'tombstone').onRef('change_log.entity_id', '=', 'tombstone.record_id')
			)
			.select(['tombstone.record_id', 'change_log.seq'])
			.where('tombstone.deleted_at', '<', olderThan.toISOString())
			.execute();
		if (old.length === 0) return 0;
		const newest = old.reduce((max, row) => Math.max(max, Number(row.seq)), 0);
		for (const group of chunks(old.map((row) => row.record_id))) {
			await trx
				.deleteFrom('change_log')
				.where('kind', '=', 'tombstone')
				.where('entity_id', 'in', group)
				.execute();
			await trx.deleteFrom('tombstone').where('record_id', 'in', group).execute();
		}
		const state = await trx
			.selectFrom('sync_state')
			.select('min_cursor')
			.where('id', '=', 1)
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('sync_state')
			.set({ min_cursor: Math.max(Number(state.min_cursor), newest) })
			.where('id', '=', 1)
			.execute();
		return old.length;
	});
}

/**
 * Answers each device keeps on the server at least: its latest ids. A device resends the changes
 * whose answers it has not stored: at most 2,300 behind the server's last (`retention.spec.ts`
 * checks the bound), as answers are stored in the background while up to
 * ten batches of 100 more are numbered and four are on their way. Kept four times over.
 */
export const ANSWERS_KEPT = 10_000;

export interface AnswerPruning {
	/** Each device's latest answers kept, however old. */
	kept?: number;
	/** Old answers removed per transaction, so pushes never wait long behind a first large prune. */
	perTransaction?: number;
}

/**
 * Forget the stored answers (`sync_mutation`) of changes applied before `olderThan`, except each
 * device's latest `kept`: without this the table grows by a row for every change ever synced. A
 * device resending one of them after all is told it lost its numbering (see `storedAnswers`).
 */
export async function pruneAnswers(
	database: SyncDatabase,
	olderThan: Date,
	{ kept = ANSWERS_KEPT, perTransaction = 10_000 }: AnswerPruning = {}
): Promise<number> {
	const clients = await database.db
		.selectFrom('sync_client')
		.select(['id', 'last_mutation_id'])
		.where('last_mutation_id', '>', kept)
		.execute();
	let removed = 0;
	for (const client of clients) {
		const through = Number(client.last_mutation_id) - kept;
		const first = await database.db
			.selectFrom('sync_mutation')
			.select((eb) => eb.fn.min('mutation_id').as('id'))
			.where('client_id', '=', client.id)
			.executeTakeFirst();
		for (let from = Number(first?.id ?? through + 1); from <= through; from += perTransaction) {
			const upTo = Math.min(through, from + perTransaction - 1);
			const result = await writeTransaction(database, (trx) =>
				trx
					.deleteFrom('sync_mutation')
					.where('client_id', '=', client.id)
					.where('mutation_id', '>=', from)
					.where('mutation_id', '<=', upTo)
					.where('applied_at', '<', olderThan.toISOString())
					.executeTakeFirst()
			);
			removed += Number(result.numDeletedRows);
		}
	}
	return removed;
}
