/**
 * The reference side of the store benchmark: the same database layout, rows and queries as the
 * device store, done with the plain IndexedDB API (no Dexie, no wrapper). Each query does the same
 * logical work as RecordRepository.list() in the plainest efficient way IndexedDB offers: a cursor
 * where only a few rows are needed, one getAll() where a whole index range has to be read anyway.
 */
import { PAGE_SIZE, type BenchType } from './api.js';

/** A row of `records`: the same shape as StoredRecord in src/lib/client/store/database.ts. */
export interface RawRow {
	id: string;
	type: BenchType;
	areaId: string;
	createdAt: string;
	updatedAt: string;
	data: Record<string, unknown>;
	status: string;
	assignee?: string;
	archivedAt?: string;
}

/** A row of `outbox`, as OutboxEntry. */
export interface RawOutboxEntry {
	seq?: number;
	recordId: string;
	type: BenchType;
	op: 'create' | 'update' | 'archive' | 'restore';
	fields: Record<string, unknown>;
	at: string;
}

/** Search text of a record's data, before lower-casing (the same function the Fellside side uses). */
export type SearchText = (type: BenchType, data: Record<string, unknown>) => string;

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

/** Version 1 here is DeviceDatabase's version 2 layout: same stores, key paths and indexes. */
export function openRawDatabase(name: string): Promise<IDBDatabase> {
	const req = indexedDB.open(name, 1);
	req.onupgradeneeded = () => {
		const db = req.result;
		const records = db.createObjectStore('records', { keyPath: 'id' });
		records.createIndex('type', 'type');
		for (const field of ['updatedAt', 'areaId', 'status', 'assignee']) {
			records.createIndex(`[type+${field}]`, ['type', field]);
		}
		db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex(
			'recordId',
			'recordId'
		);
		db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('updatedAt', 'updatedAt');
		db.createObjectStore('meta', { keyPath: 'key' });
	};
	return request(req);
}

/** Newest first, ties by id descending: the order of a reverse walk of [type+updatedAt]. */
function newestFirst(a: RawRow, b: RawRow): number {
	if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function typeRange(type: BenchType): IDBKeyRange {
	return IDBKeyRange.bound([type, ''], [type, '\uffff']);
}

export class RawStore {
	readonly #db: IDBDatabase;
	readonly #searchText: SearchText;

	constructor(db: IDBDatabase, searchText: SearchText) {
		this.#db = db;
		this.#searchText = searchText;
	}

	get database(): IDBDatabase {
		return this.#db;
	}

	/**
	 * What storeDownloadedPage does: in one readwrite transaction, skip rows with changes in the
	 * outbox, put the rest, and record how far the download got.
	 */
	async storePage(rows: RawRow[], next: string | null, at: string): Promise<void> {
		const tx = this.#db.transaction(['records', 'outbox', 'meta'], 'readwrite', { durability: 'strict' });
		const done = committed(tx);
		const pending = new Set<IDBValidKey>();
		await new Promise<void>((resolve, reject) => {
			const req = tx.objectStore('outbox').index('recordId').openKeyCursor(null, 'nextunique');
			req.onerror = () => reject(req.error ?? new Error('outbox cursor failed'));
			req.onsuccess = () => {
				const cursor = req.result;
				if (!cursor) return resolve();
				pending.add(cursor.key);
				cursor.continue();
			};
		});
		const records = tx.objectStore('records');
		for (const row of rows) if (!pending.has(row.id)) records.put(row);
		const meta = tx.objectStore('meta');
		if (next) meta.put({ key: 'download.after', value: next });
		else {
			meta.delete('download.after');
			meta.put({ key: 'download.completedAt', value: at });
		}
		await done;
	}

	/** First list page: walk [type+updatedAt] backwards with a cursor, skipping archived rows. */
	firstPage(type: BenchType): Promise<RawRow[]> {
		const index = this.#db
			.transaction('records', 'readonly')
			.objectStore('records')
			.index('[type+updatedAt]');
		return new Promise((resolve, reject) => {
			const rows: RawRow[] = [];
			const req = index.openCursor(typeRange(type), 'prev');
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

	/** Filtered page: the whole [type+status] range in one getAll, newest 25 of it. */
	async filtered(type: BenchType, status: string): Promise<RawRow[]> {
		const index = this.#db.transaction('records', 'readonly').objectStore('records').index('[type+status]');
		const rows = (await request(index.getAll(IDBKeyRange.only([type, status])))) as RawRow[];
		return rows
			.filter((r) => !r.archivedAt)
			.sort(newestFirst)
			.slice(0, PAGE_SIZE);
	}

	/**
	 * Text search: all of the type's rows in one getAll on [type+updatedAt], tested newest first
	 * against the lower-cased search text until a page is full.
	 */
	async search(type: BenchType, text: string): Promise<RawRow[]> {
		const words = text.toLowerCase().split(/\s+/).filter(Boolean);
		const index = this.#db
			.transaction('records', 'readonly')
			.objectStore('records')
			.index('[type+updatedAt]');
		const rows = (await request(index.getAll(typeRange(type)))) as RawRow[];
		const found: RawRow[] = [];
		for (let i = rows.length - 1; i >= 0 && found.length < PAGE_SIZE; i--) {
			const row = rows[i];
			if (!row || row.archivedAt) continue;
			const haystack = this.#searchText(type, row.data).toLowerCase();
			if (words.every((w) => haystack.includes(w))) found.push(row);
		}
		return found;
	}

	/** A save: the record and its outbox row in one readwrite transaction, resolved once committed. */
	async save(row: RawRow, entry: RawOutboxEntry): Promise<void> {
		const tx = this.#db.transaction(['records', 'outbox'], 'readwrite', { durability: 'strict' });
		const done = committed(tx);
		tx.objectStore('records').put(row);
		tx.objectStore('outbox').add(entry);
		await done;
	}
}
