/**
 * The reference side of the store benchmark: the store as it was before fields were sealed
 * (DeviceDatabase's schema v4: everything in plain text, search words indexed), with the same rows
 * and queries, done with the plain IndexedDB API (no Dexie, no wrapper). Against it the device
 * store's figures show the cost of sealing as well as of Dexie.
 * Each query is the algorithm RecordRepository.list() uses, written directly against IndexedDB: a
 * backwards cursor on an index ending in updatedAt for lists, and for a text search, counts of each
 * typed word's prefix range on the multi-entry `words` index, then only the rarest range's records.
 * The domain helpers that decide *what* is stored and matched (kindOf, indexWords, searchWords) are
 * the app's own, so both sides index and match exactly the same words.
 */
import type { OutboxEntry, StoredRecord } from '$lib/client/store/database';
import { kindOf } from '$lib/domain/record-kinds';
import { indexWords, searchWords } from '$lib/domain/search';
import type { SyncRecord } from '$lib/domain/sync/protocol';
import { PAGE_SIZE, type BenchType } from './api.js';

/** A record as the store kept it before sealing: all in plain text, with its search words indexed. */
export type RawRow = StoredRecord & { words: string[] };

/** A row of `outbox`, as OutboxEntry. */
export type RawOutboxEntry = OutboxEntry;

export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/** Resolves once the transaction has committed (for 'strict' durability: once it is on disk). */
function committed(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

export function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`could not delete database ${name}`));
		req.onblocked = () => reject(new Error(`deleting database ${name} is blocked by an open connection`));
	});
}

/** Index names as Dexie gives them ('[a+b]' for a compound index, the field name otherwise). */
const LIST_INDEXES = ['areaId', 'status', 'assignee'] as const;

/** Version 1 here is DeviceDatabase's version 4 layout: same stores, key paths and indexes. */
export function openRawDatabase(name: string): Promise<IDBDatabase> {
	const req = indexedDB.open(name, 1);
	req.onupgradeneeded = () => {
		const db = req.result;
		const records = db.createObjectStore('records', { keyPath: 'id' });
		records.createIndex('type', 'type');
		records.createIndex('[type+updatedAt]', ['type', 'updatedAt']);
		for (const field of LIST_INDEXES) {
			records.createIndex(`[type+${field}+updatedAt]`, ['type', field, 'updatedAt']);
		}
		records.createIndex('words', 'words', { multiEntry: true });
		const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
		outbox.createIndex('recordId', 'recordId');
		outbox.createIndex('resolves', 'resolves', { multiEntry: true });
		db.createObjectStore('refused', { keyPath: 'id', autoIncrement: true }).createIndex(
			'entry.recordId',
			'entry.recordId'
		);
		const conflicts = db.createObjectStore('conflicts', { keyPath: 'id' });
		conflicts.createIndex('recordId', 'recordId');
		conflicts.createIndex('status', 'status');
		db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('updatedAt', 'updatedAt');
		db.createObjectStore('meta', { keyPath: 'key' });
	};
	return request(req);
}

/**
 * The row stored for a record: its envelope plus status, assignee and search words read through the
 * record's kind, as the device store derives them (unreadable data is kept, unindexed).
 */
export function rawRow(record: SyncRecord): RawRow {
	const kind = kindOf(record.type);
	const { archivedAt, ...rest } = record;
	const row: RawRow = { ...rest, status: '', words: [] };
	if (archivedAt) row.archivedAt = archivedAt;
	try {
		row.words = indexWords(record.type, kind.searchText(record.data));
	} catch {
		// Not searchable, still stored.
	}
	try {
		row.status = kind.status(record.data) ?? '';
		const assignee = kind.assignee?.(record.data);
		if (assignee) row.assignee = assignee;
	} catch {
		// Left unindexed.
	}
	return row;
}

/** Every distinct key of an index. */
function uniqueKeys(index: IDBIndex): Promise<IDBValidKey[]> {
	return new Promise((resolve, reject) => {
		const keys: IDBValidKey[] = [];
		const req = index.openKeyCursor(null, 'nextunique');
		req.onerror = () => reject(req.error ?? new Error('key cursor failed'));
		req.onsuccess = () => {
			const cursor = req.result;
			if (!cursor) return resolve(keys);
			keys.push(cursor.key);
			cursor.continue();
		};
	});
}

/** The index range of every word starting with `prefix` (Dexie's startsWith). */
function prefixRange(prefix: string): IDBKeyRange {
	return IDBKeyRange.bound(prefix, `${prefix}\uffff`);
}

/** Every key of `[type, ...values, updatedAt]`, whatever the updatedAt. */
function updatedRange(type: BenchType, ...values: string[]): IDBKeyRange {
	return IDBKeyRange.bound([type, ...values, ''], [type, ...values, '\uffff']);
}

/** Up to a page of unarchived rows, walking `range` of `index` backwards (newest first). */
function newestPage(index: IDBIndex, range: IDBKeyRange): Promise<RawRow[]> {
	return new Promise((resolve, reject) => {
		const rows: RawRow[] = [];
		const req = index.openCursor(range, 'prev');
		req.onerror = () => reject(req.error ?? new Error('cursor failed'));
		req.onsuccess = () => {
			const cursor = req.result;
			if (!cursor) return resolve(rows);
			const row = cursor.value as RawRow;
			if (!row.archivedAt) rows.push(row);
			if (rows.length === PAGE_SIZE) return resolve(rows);
			cursor.continue();
		};
	});
}

export class RawStore {
	readonly #db: IDBDatabase;

	constructor(db: IDBDatabase) {
		this.#db = db;
	}

	get database(): IDBDatabase {
		return this.#db;
	}

	#records(): IDBObjectStore {
		return this.#db.transaction('records', 'readonly').objectStore('records');
	}

	/** This device's client id, as the raw side stamps its saves. */
	readonly clientId = crypto.randomUUID();

	/**
	 * What the sync engine's pull does with a page: in one readwrite transaction, read the clock,
	 * find which of the page's records have changes waiting or refused (none here, so nothing to
	 * re-apply), derive the index fields and put the rows, and save the clock and the cursor.
	 */
	async storePage(records: readonly SyncRecord[], cursor: string): Promise<void> {
		const stores = ['records', 'outbox', 'refused', 'meta'];
		const tx = this.#db.transaction(stores, 'readwrite', { durability: 'strict' });
		const done = committed(tx);
		const meta = tx.objectStore('meta');
		const clock = (await request(meta.get('sync.clock'))) as { value: string } | undefined;
		const pending = new Set([
			...(await uniqueKeys(tx.objectStore('outbox').index('recordId'))),
			...(await uniqueKeys(tx.objectStore('refused').index('entry.recordId')))
		]);
		const store = tx.objectStore('records');
		let latest = clock?.value ?? '';
		for (const record of records) {
			if (pending.has(record.id)) continue;
			store.put({ ...rawRow(record), epoch: 0 });
			for (const version of Object.values(record.versions)) if (version > latest) latest = version;
		}
		meta.put({ key: 'sync.clock', value: latest });
		meta.put({ key: 'sync.cursor', value: cursor });
		await done;
	}

	/** First list page: walk [type+updatedAt] backwards, 25 unarchived rows. */
	firstPage(type: BenchType): Promise<RawRow[]> {
		return newestPage(this.#records().index('[type+updatedAt]'), updatedRange(type));
	}

	/** Filtered page: walk [type+status+updatedAt] backwards within the status, 25 unarchived rows. */
	filtered(type: BenchType, status: string): Promise<RawRow[]> {
		return newestPage(this.#records().index('[type+status+updatedAt]'), updatedRange(type, status));
	}

	/** Rows of the type with this status (untimed, for the log). */
	statusCount(type: BenchType, status: string): Promise<number> {
		return request(this.#records().index('[type+status+updatedAt]').count(updatedRange(type, status)));
	}

	/**
	 * Text search, in one readonly transaction: count each typed word's prefix range on `words`, read
	 * the rarest range's primary keys, get those records, keep those holding every other word too,
	 * newest first (ties as RecordRepository: a stable sort by updatedAt, reversed), a page of them.
	 */
	async search(type: BenchType, text: string): Promise<RawRow[]> {
		const words = searchWords(text).map((word) => `${type}:${word}`);
		const store = this.#records();
		const index = store.index('words');
		const ranges = words.map(prefixRange);
		const counts = await Promise.all(ranges.map((range) => request(index.count(range))));
		const rarest = ranges[counts.indexOf(Math.min(...counts))];
		if (!rarest) throw new Error(`no words in '${text}'`);
		const ids = [...new Set(await request(index.getAllKeys(rarest)))];
		const rows = (await Promise.all(ids.map((id) => request(store.get(id))))) as (RawRow | undefined)[];
		const found = rows.filter(
			(r): r is RawRow =>
				!!r && !r.archivedAt && words.every((word) => r.words.some((w) => w.startsWith(word)))
		);
		found.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
		return found.reverse().slice(0, PAGE_SIZE);
	}

	/** Untimed: what search() would read, for the log. */
	async searchPlan(
		type: BenchType,
		text: string
	): Promise<{ words: { word: string; entries: number }[]; reads: number }> {
		const words = searchWords(text).map((word) => `${type}:${word}`);
		const index = this.#records().index('words');
		const counts = await Promise.all(words.map((word) => request(index.count(prefixRange(word)))));
		const rarest = words[counts.indexOf(Math.min(...counts))];
		const keys = rarest === undefined ? [] : await request(index.getAllKeys(prefixRange(rarest)));
		return {
			words: words.map((word, i) => ({ word, entries: counts[i] ?? 0 })),
			reads: new Set(keys).size
		};
	}

	/**
	 * A save: the record, its outbox row and the device clock's new stamp in one readwrite
	 * transaction, resolved once committed.
	 */
	async save(row: RawRow, entry: RawOutboxEntry): Promise<void> {
		const stores = ['records', 'outbox', 'meta'];
		const tx = this.#db.transaction(stores, 'readwrite', { durability: 'strict' });
		const done = committed(tx);
		tx.objectStore('records').put(row);
		tx.objectStore('outbox').add(entry);
		tx.objectStore('meta').put({ key: 'sync.clock', value: entry.hlc });
		await done;
	}
}
