import type { Transaction } from 'kysely';
import { may, type Person, type RecordFacts } from '$lib/domain/access/rules';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType } from '$lib/domain/records';
import {
	PULL_PAGE_SIZE,
	type Conflict,
	type FetchRequest,
	type FetchResponse,
	type PullChange,
	type PullRequest,
	type PullResponse
} from '$lib/domain/sync/protocol';
import { recordAudit } from '../audit';
import type { Scope } from '../auth/actor';
import type { Database } from '../db/schema';
import { pullAudit, syncWho } from './audit';
import { readableRecord, scopeFingerprint, typeReadable } from './reach';
import { conflictFromRow, recordFromText, recordJson, recordTextFromRow, type RecordText } from './rows';
import { chunks, readTransaction, type ServerClock, type SyncDatabase } from './storage';

/** How long the server keeps tombstones, in days: a device away longer downloads everything again. */
export const TOMBSTONE_RETENTION_DAYS = 90;

export interface PullContext {
	now?: ServerClock;
	/** Who is pulling: only what their role and areas let them see is sent. */
	scope: Scope;
	/** The device their session was started on, for the audit log. */
	deviceId?: string | null;
}

const KEPT = 'Changes waiting on this device are kept.';
const SCOPE_CHANGED = `Your role or areas have changed, so this device will download what you can now see again. ${KEPT}`;
const SCOPE_UNKNOWN = `The server does not know what this device was last sent, so it will download what you can see again. ${KEPT}`;

/** A page of changes as the server answers it, its records still as stored (see `RecordText`). */
export type PullAnswer =
	| Extract<PullResponse, { reset: true }>
	| (Omit<Extract<PullResponse, { cursor: string }>, 'changes'> & { changes: PageChange[] });
type PageChange = Exclude<PullChange, { kind: 'record' }> | { kind: 'record'; record: RecordText };

/** The answer as JSON text, its records written as stored: what `JSON.stringify` of it parsed would give. */
export function pullJson(answer: PullAnswer): string {
	if (answer.reset) return JSON.stringify(answer);
	const { changes, ...rest } = answer;
	const written = changes.map((change) =>
		change.kind === 'record'
			? `{"kind":"record","record":${recordJson(change.record)}}`
			: JSON.stringify(change)
	);
	const head = JSON.stringify(rest);
	return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"changes":[${written.join(',')}]}`;
}

/**
 * The changes after a device's cursor that its person may see, in commit order, from one
 * consistent snapshot. Records they can no longer see (moved away, reassigned) are sent as
 * `forget`. A cursor older than the newest pruned tombstone (the device could have missed a
 * removal), newer than anything the server has handed out (a server restored from an older copy),
 * or given out to another person or to the same person with other rights, answers `reset`.
 */
export async function pull(
	database: SyncDatabase,
	request: PullRequest,
	context: PullContext
): Promise<PullAnswer> {
	const limit = request.limit ?? PULL_PAGE_SIZE;
	const person = context.scope;
	const fingerprint = scopeFingerprint(person);
	const answer = await readTransaction(database, async (trx): Promise<PullAnswer> => {
		const state = await trx
			.selectFrom('sync_state')
			.selectAll()
			.where('id', '=', 1)
			.executeTakeFirstOrThrow();
		const { seq: cursor, download } = readCursor(request.cursor, Number(state.seq));
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
		if (request.cursor !== null) {
			const reason = await scopeMoved(trx, request.clientId, fingerprint);
			if (reason) return { reset: true, reason };
		}
		const rows = await changeRows(trx, person, cursor, limit + 1, download ?? 0);
		const page = rows.slice(0, limit);
		const changes = await changesFor(trx, person, page);
		if (rows.length > limit) {
			const next = String(page.at(-1)?.seq);
			return { cursor: download === null ? next : `${next}${FRESH}${download}`, more: true, changes };
		}
		// At the end, the cursor moves past rows this person is not sent, so it keeps up with the
		// server's pruning horizon even when nothing they see changes for months.
		return { cursor: String(Math.max(Number(state.seq), cursor)), more: false, changes };
	});
	const clock = context.now ?? Date.now;
	if (!answer.reset) await noteSeen(database, request, person, fingerprint, clock);
	const audit = pullAudit(request, syncWho(request, context), answer);
	if (audit) await recordAudit(database, [audit], new Date(clock()));
	return answer;
}

/**
 * A download from nothing (a null cursor) hands out cursors that also carry the sequence number it
 * began at, until its last page. A record unchanged since then that the person may not see was
 * never sent in this download (and a reset drops what it did not bring), so it needs no `forget`;
 * only records changed since the download began might have reached the device on an earlier page.
 */
const FRESH = 'f';

function readCursor(cursor: string | null, now: number): { seq: number; download: number | null } {
	if (cursor === null) return { seq: 0, download: now };
	const [seq, began] = cursor.split(FRESH);
	return { seq: Number(seq), download: began === undefined ? null : Number(began) };
}

/** Why the device must download again because of who pulls now, or null when nothing moved. */
async function scopeMoved(
	trx: Transaction<Database>,
	clientId: string,
	fingerprint: string
): Promise<string | null> {
	const client = await trx
		.selectFrom('sync_client')
		.select('scope_fingerprint')
		.where('id', '=', clientId)
		.executeTakeFirst();
	if (!client?.scope_fingerprint) return SCOPE_UNKNOWN;
	return client.scope_fingerprint === fingerprint ? null : SCOPE_CHANGED;
}

/** A change-log row with the access facts of the record it concerns (its own, or a conflict's). */
interface ChangeRow {
	kind: string;
	entity_id: string;
	seq: number | string;
	type: string;
	area_id: string | null;
	assigned_to: string | null;
	created_by: string | null;
}

/**
 * The next change-log rows the person is sent, filtered in SQL so pages are full: their readable
 * records and those records' conflicts; removals of types they can read; and every other record
 * change after `forgetAfter` of a type they can read (which pull turns into `forget`).
 */
function changeRows(
	trx: Transaction<Database>,
	person: Person,
	after: number,
	limit: number,
	forgetAfter: number
): Promise<ChangeRow[]> {
	return trx
		.selectFrom('change_log as cl')
		.leftJoin('record as r', (join) => join.onRef('r.id', '=', 'cl.entity_id').on('cl.kind', '=', 'record'))
		.leftJoin('conflict as c', (join) =>
			join.onRef('c.id', '=', 'cl.entity_id').on('cl.kind', '=', 'conflict')
		)
		.leftJoin('record as cr', 'cr.id', 'c.record_id')
		.select((eb) => [
			'cl.kind',
			'cl.entity_id',
			'cl.seq',
			'cl.type',
			eb.fn.coalesce('r.area_id', 'cr.area_id').as('area_id'),
			eb.fn.coalesce('r.assigned_to', 'cr.assigned_to').as('assigned_to'),
			eb.fn.coalesce('r.created_by', 'cr.created_by').as('created_by')
		])
		.where('cl.seq', '>', after)
		.where((eb) =>
			eb.or([
				eb.and([
					eb('cl.kind', '=', 'record'),
					eb.or([
						readableRecord(person, 'r'),
						eb.and([eb('cl.seq', '>', forgetAfter), typeReadable(person, 'cl.type')])
					])
				]),
				eb.and([eb('cl.kind', '=', 'conflict'), readableRecord(person, 'cr')]),
				eb.and([eb('cl.kind', '=', 'tombstone'), typeReadable(person, 'cl.type')])
			])
		)
		.orderBy('cl.seq')
		.limit(limit)
		.execute();
}

/** What the person may see of each row, checked again with the rules themselves. */
const readable = (person: Person, row: ChangeRow) =>
	row.area_id !== null && may(person, 'read', columnFacts({ ...row, area_id: row.area_id }));

/**
 * A record's access facts from the columns every write keeps (`assigned_to` is read from its data
 * on each write), so a record is checked without parsing its data.
 */
const columnFacts = (row: {
	type: string;
	area_id: string;
	assigned_to: string | null;
	created_by: string | null;
}): RecordFacts => ({
	type: row.type as RecordType,
	areaId: row.area_id as AreaId,
	assignedTo: row.assigned_to,
	createdBy: row.created_by
});

async function changesFor(
	trx: Transaction<Database>,
	person: Person,
	page: readonly ChangeRow[]
): Promise<PageChange[]> {
	const shown = page.filter((row) => row.kind === 'tombstone' || readable(person, row));
	const idsOf = (kind: string) => shown.filter((row) => row.kind === kind).map((row) => row.entity_id);
	const records = await readableRecords(trx, person, idsOf('record'));
	const conflicts = new Map<string, Conflict>();
	for (const group of chunks(idsOf('conflict'))) {
		const rows = await trx.selectFrom('conflict').selectAll().where('id', 'in', group).execute();
		for (const row of rows) conflicts.set(row.id, conflictFromRow(row));
	}
	return page.flatMap((row): PageChange[] => {
		const type = row.type as RecordType;
		if (row.kind === 'tombstone') return [{ kind: 'tombstone', id: row.entity_id, type }];
		if (row.kind === 'record') {
			const record = records.get(row.entity_id);
			if (record) return [{ kind: 'record', record }];
			return row.area_id === null ? [] : [{ kind: 'forget', id: row.entity_id, type }];
		}
		const conflict = conflicts.get(row.entity_id);
		return conflict ? [{ kind: 'conflict', conflict }] : [];
	});
}

/**
 * The current server copy of particular records; ids it does not hold, or holds but the person
 * may not see, come back as missing (never saying which).
 */
export async function fetch(
	database: SyncDatabase,
	request: FetchRequest,
	context: PullContext
): Promise<FetchResponse> {
	const ids = [...new Set(request.ids)];
	const records = await readTransaction(database, (trx) => readableRecords(trx, context.scope, ids));
	return {
		records: ids.flatMap((id) => {
			const record = records.get(id);
			return record ? [recordFromText(record)] : [];
		}),
		missing: ids.filter((id) => !records.has(id))
	};
}

/** The records among `ids` the person may read. */
async function readableRecords(
	trx: Transaction<Database>,
	person: Person,
	ids: readonly string[]
): Promise<Map<string, RecordText>> {
	const found = new Map<string, RecordText>();
	for (const group of chunks(ids)) {
		const rows = await trx.selectFrom('record').selectAll().where('id', 'in', group).execute();
		for (const row of rows) {
			// Left unparsed: a download's records are most of the server's work for it.
			if (may(person, 'read', columnFacts(row))) found.set(row.id, recordTextFromRow(row));
		}
	}
	return found;
}

/**
 * When a device last synced, for whoever looks after the devices, and who it pulled for: a pull
 * from nothing records the scope its records now match.
 */
async function noteSeen(
	database: SyncDatabase,
	request: PullRequest,
	person: Person,
	fingerprint: string,
	clock: ServerClock
): Promise<void> {
	const now = new Date(clock()).toISOString();
	const fresh = request.cursor === null;
	const scope = fresh ? { staff_id: person.staffId, scope_fingerprint: fingerprint } : {};
	await database.db
		.insertInto('sync_client')
		.values({
			id: request.clientId,
			staff_id: person.staffId,
			scope_fingerprint: fresh ? fingerprint : null,
			last_mutation_id: 0,
			created_at: now,
			last_seen_at: now
		})
		.onConflict((oc) => oc.column('id').doUpdateSet({ last_seen_at: now, ...scope }))
		.execute();
}
