import Dexie, { type Table } from 'dexie';
import type { AreaId } from '$lib/domain/areas';
import type { FieldError } from '$lib/domain/common/errors';
import type { RecordKind } from '$lib/domain/kinds';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordEnvelope } from '$lib/domain/records';
import { indexWords } from '$lib/domain/search';
import type { Hlc } from '$lib/domain/sync/hlc';
import type { Conflict } from '$lib/domain/sync/protocol';
import { asStorageFull } from './storage-full';
import { upgradeToV4 } from './upgrade-v4';

/** A record as the device keeps it: the envelope plus fields derived on write for the list indexes. */
export interface StoredRecord extends RecordEnvelope {
	/** Lifecycle state, copied from the data so lists can filter by index. */
	status: string;
	/** Who the record is assigned to (coach, fire officer), when the type has one. */
	assignee?: string;
	/** Set when archived: records are never deleted on the device, only archived. */
	archivedAt?: string;
	/** The record's search words, each prefixed with its type (see `domain/search`). */
	words: string[];
	/** The clock stamp of the last change to each data field, `@area` and `@archived`. */
	versions: Record<string, Hlc>;
	/** The reset epoch of the download that last brought it (see sync/pull). */
	epoch?: number;
}

export type OutboxOp = 'create' | 'update' | 'archive' | 'restore';

/**
 * One local change waiting for the server. Written in the same transaction as the record, and
 * removed only when the server acknowledges it. `seq` orders a device's changes; `mutationId` is
 * given when the change is first pushed and never changes after (except to close a gap).
 */
export interface OutboxEntry {
	seq?: number;
	recordId: string;
	type: RecordEnvelope['type'];
	op: OutboxOp;
	/** The data fields this change set, with their new values (null removes a field). */
	set: Record<string, unknown>;
	/** The record's new area, when the change moved it (always on a create). */
	area?: AreaId;
	/** When the change was made, on the device's hybrid clock. */
	hlc: Hlc;
	/** The version of each key the change touched as the device knew it, so the server can merge. */
	base: Record<string, Hlc | null>;
	at: string;
	mutationId?: number;
	/** Conflicts this change settles. */
	resolves?: string[];
}

/** A change the server refused, kept for a person to fix and resend, or discard. */
export interface RefusedChange {
	id?: number;
	entry: OutboxEntry;
	/** Why, in words a person can act on. */
	reason: string;
	errors?: FieldError[];
	at: string;
}

/** A half-filled form, kept so that a reload, a closed tab or a crash loses nothing. */
export interface Draft {
	key: string;
	/** What the person was doing, for the "Continue your visit at 14 Main Street?" offer. */
	label: string;
	path: string;
	values: unknown;
	updatedAt: string;
}

export interface MetaRow {
	key: string;
	value: string;
}

const RECORD_INDEXES =
	'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt], *words';

export class DeviceDatabase extends Dexie {
	records!: Table<StoredRecord, string>;
	outbox!: Table<OutboxEntry, number>;
	refused!: Table<RefusedChange, number>;
	conflicts!: Table<Conflict, string>;
	drafts!: Table<Draft, string>;
	meta!: Table<MetaRow, string>;

	constructor(name = 'fellside') {
		// Strict durability: a commit is done only when it is on disk, not handed to the OS.
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			records: 'id, type, areaId, [type+updatedAt]',
			meta: 'key'
		});
		// v2: list indexes, the outbox and drafts. Records downloaded under v1 get their status.
		this.version(2)
			.stores({
				records: 'id, type, [type+updatedAt], [type+areaId], [type+status], [type+assignee]',
				outbox: '++seq, recordId',
				drafts: 'key, updatedAt',
				meta: 'key'
			})
			.upgrade((tx) =>
				tx
					.table<StoredRecord, string>('records')
					.toCollection()
					.modify((record) => {
						const status = record.data.status;
						record.status = typeof status === 'string' ? status : '';
					})
			);
		// v3: lists read only the page they show (indexes end in updatedAt), and search reads only the
		// records holding the rarest typed word.
		this.version(3)
			.stores({ records: RECORD_INDEXES, outbox: '++seq, recordId', drafts: 'key, updatedAt', meta: 'key' })
			.upgrade((tx) =>
				tx
					.table<StoredRecord, string>('records')
					.toCollection()
					.modify((record) => {
						record.words = recordWords(record);
					})
			);
		// v4: sync. Per-key versions on records, outbox entries with clock stamps and bases, changes
		// the server refused, and conflicts to review.
		this.version(4)
			.stores({
				records: RECORD_INDEXES,
				outbox: '++seq, recordId, *resolves',
				refused: '++id, entry.recordId',
				conflicts: 'id, recordId, status',
				drafts: 'key, updatedAt',
				meta: 'key'
			})
			.upgrade(upgradeToV4);
	}

	/**
	 * One read-write transaction over everything a change touches: the record, the outbox, refused
	 * changes, conflicts and the sync state. Callers that save several records together wrap their
	 * repository calls in it. A full disk becomes `StorageFull`, with nothing half-written.
	 */
	async write<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await this.transaction(
				'rw',
				[this.records, this.outbox, this.refused, this.conflicts, this.meta],
				work
			);
		} catch (error) {
			throw asStorageFull(error);
		}
	}
}

/** A record's search words; a record whose data cannot be read is still stored, just not searchable. */
export function recordWords(record: Pick<RecordEnvelope, 'type' | 'data'>): string[] {
	try {
		return indexWords(record.type, kindOf(record.type).searchText(record.data));
	} catch {
		return [];
	}
}

/** The fields a record is stored with besides its own, derived from its data. */
export type RecordFields = Omit<StoredRecord, 'status' | 'assignee' | 'words'>;

/**
 * A record with its list-index fields derived through its kind. Data that does not fit today's
 * schema is kept, unindexed: it still shows in "all records" and can be opened and fixed.
 */
export function indexRecord(
	record: RecordFields,
	kind: RecordKind<Record<string, unknown>> = kindOf(record.type)
): StoredRecord {
	const stored: StoredRecord = { ...record, status: '', words: [] };
	delete stored.assignee;
	try {
		stored.words = indexWords(record.type, kind.searchText(record.data));
		stored.status = kind.status(record.data) ?? '';
		const assignee = kind.assignee?.(record.data);
		if (assignee) stored.assignee = assignee;
	} catch {
		// Left unindexed (see above).
	}
	return stored;
}
