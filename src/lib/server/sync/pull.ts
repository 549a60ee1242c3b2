import type { Transaction } from 'kysely';
import type { RecordType } from '$lib/domain/records';
import {
	PULL_PAGE_SIZE,
	type Conflict,
	type FetchRequest,
	type FetchResponse,
	type PullChange,
	type PullRequest,
	type PullResponse,
	type SyncRecord
} from '$lib/domain/sync/protocol';
import type { Scope } from '../auth/actor';
import type { Database } from '../db/schema';
import { conflictFromRow, recordFromRow } from './rows';
import { chunks, readTransaction, type ServerClock, type SyncDatabase } from './storage';

/** How long the server keeps tombstones, in days: a device away longer downloads everything again. */
export const TOMBSTONE_RETENTION_DAYS = 90;

export interface PullContext {
	now?: ServerClock;
	/** Who is pulling. Every record is sent for now; sending only what the role and areas allow (issue 5, authorisation) plugs in here. */
	scope: Scope;
}

/**
 * The changes after a device's cursor, in commit order, from one consistent snapshot. A cursor
 * older than the newest pruned tombstone (the device could have missed a removal), or newer than
 * anything the server has handed out (a server restored from an older copy), answers `reset`.
 */
export async function pull(
	database: SyncDatabase,
	request: PullRequest,
	context: PullContext
): Promise<PullResponse> {
	const limit = request.limit ?? PULL_PAGE_SIZE;
	const answer = await readTransaction(database, async (trx): Promise<PullResponse> => {
		const state = await trx
			.selectFrom('sync_state')
			.selectAll()
			.where('id', '=', 1)
			.executeTakeFirstOrThrow();
		const cursor = request.cursor === null ? 0 : Number(request.cursor);
		if (request.cursor !== null && cursor < Number(state.min_cursor)) {
			return {
				reset: true,
				reason: `This device has not synced for longer than the server remembers removed records (${TOMBSTONE_RETENTION_DAYS} days), so it will download everything again. Changes waiting on this device are kept and sent as usual.`
			};
		}
		if (cursor > Number(state.seq)) {
			return {
				reset: true,
				reason:
					'The server has been restored from an earlier copy, so this device will download everything again. Changes waiting on this device are kept and sent as usual.'
			};
		}
		const rows = await trx
			.selectFrom('change_log')
			.select(['kind', 'entity_id', 'seq', 'type'])
			.where('seq', '>', cursor)
			.orderBy('seq')
			.limit(limit + 1)
			.execute();
		const page = rows.slice(0, limit);
		const changes = await changesFor(trx, page);
		const next = page.at(-1);
		return { cursor: String(next ? Number(next.seq) : cursor), more: rows.length > limit, changes };
	});
	await noteSeen(database, request.clientId, context.now ?? Date.now);
	return answer;
}

/** The current server copy of particular records; ids it does not hold come back as missing. */
export async function fetch(
	database: SyncDatabase,
	request: FetchRequest,
	_context: PullContext
): Promise<FetchResponse> {
	const ids = [...new Set(request.ids)];
	const records = await readTransaction(database, (trx) => recordsById(trx, ids));
	return {
		records: ids.flatMap((id) => records.get(id) ?? []),
		missing: ids.filter((id) => !records.has(id))
	};
}

async function changesFor(
	trx: Transaction<Database>,
	page: readonly { kind: string; entity_id: string; type: string }[]
): Promise<PullChange[]> {
	const idsOf = (kind: string) => page.filter((row) => row.kind === kind).map((row) => row.entity_id);
	const records = await recordsById(trx, idsOf('record'));
	const conflicts = new Map<string, Conflict>();
	for (const group of chunks(idsOf('conflict'))) {
		const rows = await trx.selectFrom('conflict').selectAll().where('id', 'in', group).execute();
		for (const row of rows) conflicts.set(row.id, conflictFromRow(row));
	}
	return page.flatMap((row): PullChange[] => {
		if (row.kind === 'tombstone')
			return [{ kind: 'tombstone', id: row.entity_id, type: row.type as RecordType }];
		if (row.kind === 'record') {
			const record = records.get(row.entity_id);
			return record ? [{ kind: 'record', record }] : [];
		}
		const conflict = conflicts.get(row.entity_id);
		return conflict ? [{ kind: 'conflict', conflict }] : [];
	});
}

async function recordsById(
	trx: Transaction<Database>,
	ids: readonly string[]
): Promise<Map<string, SyncRecord>> {
	const found = new Map<string, SyncRecord>();
	for (const group of chunks(ids)) {
		const rows = await trx.selectFrom('record').selectAll().where('id', 'in', group).execute();
		for (const row of rows) found.set(row.id, recordFromRow(row));
	}
	return found;
}

/** When a device last synced, for whoever looks after the devices; only devices that ever pushed. */
async function noteSeen(database: SyncDatabase, clientId: string, clock: ServerClock): Promise<void> {
	await database.db
		.updateTable('sync_client')
		.set({ last_seen_at: new Date(clock()).toISOString() })
		.where('id', '=', clientId)
		.execute();
}
