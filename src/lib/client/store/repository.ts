import type { AreaId } from '$lib/domain/areas';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import type { RecordKind } from '$lib/domain/kinds';
import { newRecordId } from '$lib/domain/record-ids';
import { searchWords } from '$lib/domain/search';
import { changedFields } from '$lib/domain/common/equality';
import { applyChanges, baseFor, foldRefused, keysWritten, type Change } from './changes';
import {
	indexRecord,
	type DeviceDatabase,
	type OutboxEntry,
	type RecordFields,
	type RecordRow,
	type StoredRecord
} from './database';
import { loadClock, presetMutationIds, saveClock } from './meta';
import type { Found } from './search-index';

/** A save refused because the data breaks the type's rules; `errors` feed the error summary. */
export class ValidationFailed extends Error {
	override name = 'ValidationFailed';
	constructor(readonly errors: FieldError[]) {
		super(errors.map((e) => e.message).join('; '));
	}
}

export class RecordNotFound extends Error {
	override name = 'RecordNotFound';
}

export interface ListQuery {
	areaId?: AreaId;
	status?: string;
	assignee?: string;
	/** Words that must all start a word of the record's search text ("kesw lunch"). */
	text?: string;
	includeArchived?: boolean;
	/** Only records needing attention on this day (`YYYY-MM-DD`). */
	needsAttentionOn?: string;
	order?: 'newest' | 'oldest' | 'title';
	offset?: number;
	limit?: number;
}

/** How many found records a search reads at a time while filling a page. */
const READ_AT_ONCE = 50;

/** IndexedDB's order within an index range ending in updatedAt: by updatedAt, then by id. */
function inRangeOrder(a: Found, b: Found): number {
	if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface ChangeOptions {
	/** Open conflicts this change settles (a person chose or edited the value in conflict review). */
	resolves?: string[];
}

export interface RepositoryOptions {
	now?: () => string;
	newId?: () => string;
}

/**
 * Reads and writes one record type on the device. Every change writes the record and its outbox
 * entry in one transaction: either both are on disk or neither is.
 */
export class RecordRepository<T extends Record<string, unknown>> {
	readonly #db: DeviceDatabase;
	readonly #kind: RecordKind<T>;
	readonly #now: () => string;
	readonly #newId: () => string;

	constructor(db: DeviceDatabase, kind: RecordKind<T>, options: RepositoryOptions = {}) {
		this.#db = db;
		this.#kind = kind;
		this.#now = options.now ?? (() => new Date().toISOString());
		this.#newId = options.newId ?? newRecordId;
	}

	async get(id: string): Promise<StoredRecord | undefined> {
		const row = await this.#db.records.get(id);
		return row?.type === this.#kind.type ? this.#db.seal.openRecord(row) : undefined;
	}

	async create(areaId: AreaId, input: unknown): Promise<StoredRecord> {
		const data = this.#validate(input);
		return this.#db.write(async () => {
			const at = this.#now();
			const blank = { id: this.#newId(), type: this.#kind.type, areaId, createdAt: at, updatedAt: at };
			const set = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
			return this.#commit({ ...blank, data: {}, versions: {} }, { op: 'create', set, area: areaId }, [], at);
		});
	}

	/**
	 * Replace the record's data (and optionally its area); only the fields that changed are queued.
	 * `resolves` names the conflicts this edit settles (a person chose or edited the value).
	 */
	async update(
		id: string,
		input: unknown,
		areaId?: AreaId,
		options: ChangeOptions = {}
	): Promise<StoredRecord> {
		const data = this.#validate(input);
		return this.#db.write(async () => {
			const existing = await this.#existing(id);
			if (existing.archivedAt)
				throw new ValidationFailed([{ path: '', message: 'Restore this record before editing it' }]);
			const set = changedFields(existing.data, data);
			const change: Change = { op: 'update', set };
			if (areaId && areaId !== existing.areaId) change.area = areaId;
			return this.#commit(existing, change, options.resolves);
		});
	}

	/** Settle conflicts keeping the record as it is (e.g. "keep it archived"): a change that only resolves. */
	async resolve(id: string, conflictIds: string[]): Promise<StoredRecord> {
		return this.#db.write(async () =>
			this.#commit(await this.#existing(id), { op: 'update', set: {} }, conflictIds)
		);
	}

	/**
	 * Archive, never delete: the record leaves the lists but stays on the device and the server. New
	 * data (e.g. a lifecycle moved to archived) is saved in the same transaction as the archiving.
	 */
	async archive(id: string, input?: unknown, options: ChangeOptions = {}): Promise<StoredRecord> {
		return this.#setArchived(id, true, input, options);
	}

	async restore(id: string, input?: unknown, options: ChangeOptions = {}): Promise<StoredRecord> {
		return this.#setArchived(id, false, input, options);
	}

	async list(query: ListQuery = {}): Promise<StoredRecord[]> {
		const type = this.#kind.type;
		const words = searchWords(query.text ?? '');
		const keep = (r: RecordRow) =>
			(query.includeArchived || !r.archivedAt) &&
			(!query.areaId || r.areaId === query.areaId) &&
			(!query.status || r.status === query.status) &&
			(!query.assignee || r.assignee === query.assignee);
		const offset = query.offset ?? 0;
		const limit = query.limit ?? Infinity;
		const order = query.order ?? 'newest';
		const table = this.#db.records;

		// Each filter's index ends in updatedAt, so newest-first reads only the page it shows.
		const [field, value] = query.status
			? ['status', query.status]
			: query.assignee
				? ['assignee', query.assignee]
				: query.areaId
					? ['areaId', query.areaId]
					: [null, null];
		const range = field
			? table.where(`[type+${field}+updatedAt]`).between([type, value, ''], [type, value, '\uffff'])
			: table.where('[type+updatedAt]').between([type, ''], [type, '\uffff']);
		const ordered = (order === 'newest' ? range.reverse() : range).filter(keep);
		const attends = (r: StoredRecord) =>
			!query.needsAttentionOn || this.#attentionOn(r, query.needsAttentionOn).length > 0;
		const page = (found: StoredRecord[]) =>
			(order === 'title' ? this.#byTitle(found) : found).slice(offset, offset + limit);
		const readsAll = query.needsAttentionOn !== undefined || order === 'title';

		if (words.length > 0) {
			// The search index finds the records; only the rows a page shows are read and opened.
			const found = await this.#db.searchIndex.matching(this.#kind as RecordKind, words);
			const rows = await this.#rowsInOrder(found, order, keep, readsAll ? Infinity : offset + limit);
			if (!readsAll) return this.#db.seal.openRecords(rows.slice(offset, offset + limit));
			return page((await this.#db.seal.openRecords(rows)).filter(attends));
		}
		if (!readsAll) return this.#db.seal.openRecords(await ordered.offset(offset).limit(limit).toArray());
		// Attention and titles read sealed fields: open the range's records (a caseload is hundreds).
		return page((await this.#db.seal.openRecords(await ordered.toArray())).filter(attends));
	}

	/**
	 * The rows of records a search found that the list keeps, in the order its index range reads
	 * them (by updatedAt, then id), read a few at a time until `wanted` are kept.
	 */
	async #rowsInOrder(
		found: Found[],
		order: NonNullable<ListQuery['order']>,
		keep: (row: RecordRow) => boolean,
		wanted: number
	): Promise<RecordRow[]> {
		found.sort(inRangeOrder);
		if (order === 'newest') found.reverse();
		const rows: RecordRow[] = [];
		for (let i = 0; i < found.length && rows.length < wanted; i += READ_AT_ONCE) {
			const read = await this.#db.records.bulkGet(found.slice(i, i + READ_AT_ONCE).map((f) => f.id));
			for (const row of read) if (row?.type === this.#kind.type && keep(row)) rows.push(row);
		}
		return rows;
	}

	#attentionOn(record: StoredRecord, day: string): string[] {
		return this.#read(record, (data) => this.#kind.needsAttention(data, day), []);
	}

	#byTitle(rows: StoredRecord[]): StoredRecord[] {
		const title = (r: StoredRecord) => this.#read(r, (data) => this.#kind.title(data), '');
		return rows.sort((a, b) => title(a).localeCompare(title(b), 'en-GB', { sensitivity: 'base' }));
	}

	/** Stored data may not fit today's schema: such a record is listed, never a crash. */
	#read<R>(record: StoredRecord, read: (data: T) => R, fallback: R): R {
		try {
			return read(record.data as T);
		} catch {
			return fallback;
		}
	}

	async count(query: Omit<ListQuery, 'offset' | 'limit'> = {}): Promise<number> {
		return (await this.list(query)).length;
	}

	#validate(input: unknown): T {
		const parsed = this.#kind.schema.safeParse(input);
		if (!parsed.success) throw new ValidationFailed(fieldErrors(parsed.error));
		return parsed.data;
	}

	async #existing(id: string): Promise<StoredRecord> {
		const existing = await this.get(id);
		if (!existing) throw new RecordNotFound(`No ${this.#kind.type} with id ${id} on this device`);
		return existing;
	}

	async #setArchived(
		id: string,
		archived: boolean,
		input: unknown,
		options: ChangeOptions
	): Promise<StoredRecord> {
		const data = input === undefined ? undefined : this.#validate(input);
		return this.#db.write(async () => {
			const existing = await this.#existing(id);
			const set = data ? changedFields(existing.data, data) : {};
			if (Boolean(existing.archivedAt) === archived && Object.keys(set).length === 0)
				return this.#commit(existing, { op: 'update', set }, options.resolves);
			return this.#commit(existing, { op: archived ? 'archive' : 'restore', set }, options.resolves);
		});
	}

	/**
	 * Write one change: tick the device clock (saved in the same transaction), stamp the record's
	 * versions for the keys written, and queue the change with the versions it was based on. Changes
	 * the server refused for this record are folded in and leave the refused list ("fix and resend").
	 * Runs inside the caller's write transaction. A change that changes nothing writes nothing.
	 */
	async #commit(
		current: RecordFields,
		change: Change,
		resolves: string[] = [],
		at = this.#now()
	): Promise<StoredRecord> {
		const db = this.#db;
		// A new record cannot have refused changes: one read less for every create.
		const refused =
			change.op === 'create'
				? []
				: await db.seal.openRefused(await db.refused.where('entry.recordId').equals(current.id).sortBy('id'));
		const nothing = keysWritten(change).length === 0 && resolves.length === 0 && refused.length === 0;
		if (nothing && change.op !== 'create') return current as StoredRecord;

		const clock = await loadClock(db.meta, () => Date.parse(at));
		// After every version the record holds, even if the saved clock was lost: a person's edit wins locally.
		for (const version of Object.values(current.versions)) clock.receive(version);
		const stamp = (entry: Change): OutboxEntry => {
			const { id: recordId, type } = current;
			const base = baseFor(current, entry);
			const stamped: OutboxEntry = { recordId, type, ...entry, hlc: clock.tick(), base, at };
			if (resolves.length > 0) stamped.resolves = resolves;
			return stamped;
		};
		const entries = foldRefused(
			refused.map((row) => row.entry),
			stamp(change),
			current,
			stamp
		);
		// A person's own change puts the record at the top of "newest first", whatever the server's time.
		const record = indexRecord(
			{ ...applyChanges(current, entries), updatedAt: at },
			this.#kind as RecordKind
		);
		// Numbered now, in this transaction, so that a push can usually send them as saved.
		const first = await presetMutationIds(db.meta, entries.length);
		entries.forEach((entry, i) => (entry.mutationId = first + i));
		const [rows, row] = await Promise.all([db.seal.entries(entries), db.seal.record(record)]);
		await saveClock(db.meta, clock);
		if (refused.length > 0) await db.refused.bulkDelete(refused.map((r) => r.id as number));
		await db.outbox.bulkAdd(rows);
		await db.records.put(row);
		return record;
	}
}
