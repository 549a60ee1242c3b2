import type { AreaId } from '$lib/domain/areas';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import type { RecordKind } from '$lib/domain/kinds';
import { searchWords } from '$lib/domain/search';
import { changedFields } from '$lib/domain/common/equality';
import { applyChanges, baseFor, foldRefused, keysWritten, type Change } from './changes';
import {
	indexRecord,
	type DeviceDatabase,
	type OutboxEntry,
	type RecordFields,
	type StoredRecord
} from './database';
import { loadClock, saveClock } from './meta';

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

export interface ChangeOptions {
	/** Open conflicts this change settles (a person chose or edited the value in conflict review). */
	resolves?: string[];
}

export interface RepositoryOptions {
	now?: () => string;
	newId?: () => string;
	/** Above this many records holding the rarest typed word, search walks the list instead. */
	searchScanAbove?: number;
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
	readonly #scanAbove: number;

	constructor(db: DeviceDatabase, kind: RecordKind<T>, options: RepositoryOptions = {}) {
		this.#db = db;
		this.#kind = kind;
		this.#now = options.now ?? (() => new Date().toISOString());
		this.#newId = options.newId ?? (() => crypto.randomUUID());
		this.#scanAbove = options.searchScanAbove ?? 500;
	}

	async get(id: string): Promise<StoredRecord | undefined> {
		const record = await this.#db.records.get(id);
		return record?.type === this.#kind.type ? record : undefined;
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
		const kind = this.#kind;
		const type = kind.type;
		const words = searchWords(query.text ?? '').map((word) => `${type}:${word}`);
		const keep = (r: StoredRecord) =>
			(query.includeArchived || !r.archivedAt) &&
			(!query.areaId || r.areaId === query.areaId) &&
			(!query.status || r.status === query.status) &&
			(!query.assignee || r.assignee === query.assignee) &&
			words.every((word) => r.words.some((w) => w.startsWith(word))) &&
			(!query.needsAttentionOn || attentionOn(r, query.needsAttentionOn).length > 0);
		// Stored data may not fit today's schema: such a record is listed, never a crash.
		const attentionOn = (r: StoredRecord, day: string) => {
			try {
				return kind.needsAttention(r.data as T, day);
			} catch {
				return [];
			}
		};
		const offset = query.offset ?? 0;
		const limit = query.limit ?? Infinity;
		const order = query.order ?? 'newest';
		const table = this.#db.records;

		if (words.length > 0) {
			const ranges = words.map((word) => table.where('words').startsWith(word));
			const counts = await Promise.all(ranges.map((range) => range.count()));
			const fewest = Math.min(...counts);
			if (fewest === 0) return [];
			// Few candidates: read just the rarest word's records. Many (a common word such as "road"):
			// walk newest first below and stop as soon as the page is full.
			const rarest = ranges[counts.indexOf(fewest)];
			if (rarest && (fewest <= this.#scanAbove || order === 'title')) {
				const seen = new Set<string>();
				const rows = (await rarest.toArray()).filter((r) => !seen.has(r.id) && seen.add(r.id) && keep(r));
				return this.#sorted(rows, order).slice(offset, offset + limit);
			}
		}

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
		if (order === 'title')
			return this.#sorted(await range.filter(keep).toArray(), order).slice(offset, offset + limit);
		return (order === 'newest' ? range.reverse() : range).filter(keep).offset(offset).limit(limit).toArray();
	}

	#sorted(rows: StoredRecord[], order: NonNullable<ListQuery['order']>): StoredRecord[] {
		if (order === 'title') {
			const title = (r: StoredRecord) => {
				try {
					return this.#kind.title(r.data as T);
				} catch {
					return '';
				}
			};
			return rows.sort((a, b) => title(a).localeCompare(title(b), 'en-GB', { sensitivity: 'base' }));
		}
		rows.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
		return order === 'newest' ? rows.reverse() : rows;
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
			change.op === 'create' ? [] : await db.refused.where('entry.recordId').equals(current.id).sortBy('id');
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
		await saveClock(db.meta, clock);
		if (refused.length > 0) await db.refused.bulkDelete(refused.map((row) => row.id as number));
		await db.outbox.bulkAdd(entries);
		await db.records.put(record);
		return record;
	}
}
