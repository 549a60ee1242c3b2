import Dexie, { type Table } from 'dexie';
import type { FieldCipher, Sealed } from '$lib/client/vault/cipher';
import type { AreaId } from '$lib/domain/areas';
import type { FieldError } from '$lib/domain/common/errors';
import type { RecordKind } from '$lib/domain/kinds';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordEnvelope } from '$lib/domain/records';
import type { Hlc } from '$lib/domain/sync/hlc';
import type { Conflict } from '$lib/domain/sync/protocol';
import {
	fillMapPlaces,
	MAP_PLACES_COPY_TABLE,
	MAP_PLACES_TABLE,
	mapPlacesMiddleware,
	type MapPlaceRow,
	type MapPlacesCopyRow
} from './map-places';
import { numberedSoFar } from './numbering';
import { asStorageFull } from './storage-full';
import { closedElsewhereError, UpdatedElsewhere, type ClosedElsewhere } from './updated-elsewhere';
import { watchRecordWrites } from './record-writes';
import { StoreSealer } from './sealing';
import { SearchIndex } from './search-index';
import { upgradeToV4 } from './upgrade-v4';
import { sealInPlace } from './upgrade-v5';

/** A record as the device keeps it: the envelope plus fields derived on write for the list indexes. */
export interface StoredRecord extends RecordEnvelope {
	/** Lifecycle state, copied from the data so lists can filter by index. */
	status: string;
	/** Who the record is assigned to (coach, fire officer), when the type has one. */
	assignee?: string;
	/** Set when archived: records are never deleted on the device, only archived. */
	archivedAt?: string;
	/** The clock stamp of the last change to each data field, `@area` and `@archived`. */
	versions: Record<string, Hlc>;
	/** The reset epoch of the download that last brought it (see sync/pull). */
	epoch?: number;
}

export type OutboxOp = 'create' | 'update' | 'archive' | 'restore';

/**
 * One local change waiting for the server. Written in the same transaction as the record, and
 * removed only when the server acknowledges it. `seq` orders a device's changes; `mutationId` is
 * given as the change is saved, corrected if need be when it is first numbered for sending, and
 * never changes after (except to close a gap).
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

/**
 * A sensitive record opened on this device, waiting to be reported to the audit log at the next
 * sync. Only which record and when: nothing it holds, so nothing here needs sealing.
 */
export interface ViewRow {
	id?: number;
	recordId: string;
	type: RecordEnvelope['type'];
	at: string;
	/** Whether the device believed it had no network at the time. */
	offline: boolean;
	/** Saved to a file of unsynced changes (any type of record), rather than opened. */
	kind?: 'export';
}

export interface MetaRow {
	key: string;
	value: string;
}

/*
 * What IndexedDB holds (security.md S11): each row keeps in plain text only what its indexes need,
 * and seals the rest under the user's data key. `StoreSealer` turns rows into the shapes above and back.
 */

/** A record at rest: the envelope, the list-index fields, the data fields allowed plain, the rest sealed. */
export interface RecordRow extends Omit<StoredRecord, 'data'> {
	/** Only the fields `domain/privacy` allows in plain text. */
	data: Record<string, unknown>;
	/** The other data fields. */
	sealed: Sealed;
}

/** A waiting change at rest: the values it sets sealed (field names and clock stamps stay plain). */
export interface OutboxRow extends Omit<OutboxEntry, 'set'> {
	set: Sealed;
}

/** A refused change whose entry is still sealed as it was in the outbox (moving it needs no crypto). */
export type RefusedOutboxRow = Omit<RefusedChange, 'entry'> & { entry: OutboxRow };

/** A refused change at rest: the change as in the outbox, the server's reason and errors sealed. */
export interface RefusedRow extends Omit<RefusedChange, 'entry' | 'reason' | 'errors'> {
	entry: OutboxRow;
	sealed: Sealed;
}

/** A conflict at rest: both sides' values (and who settled it) sealed. */
export interface ConflictRow extends Omit<Conflict, 'kept' | 'other' | 'resolvedBy'> {
	sealed: Sealed;
}

/** A draft at rest: the values typed and the label ("your visit at 14 Main Street") sealed. */
export interface DraftRow extends Omit<Draft, 'label' | 'values'> {
	sealed: Sealed;
}

const RECORD_INDEXES_V3 =
	'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt], *words';
/** From v5 no index holds search words: they come from sealed fields, so search runs after opening. */
const RECORD_INDEXES =
	'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt]';
const SYNC_TABLES = {
	outbox: '++seq, recordId, *resolves',
	refused: '++id, entry.recordId',
	conflicts: 'id, recordId, status',
	drafts: 'key, updatedAt',
	meta: 'key'
};

export interface DeviceDatabaseOptions {
	/** The user's field cipher: everything personal is sealed with it before it reaches IndexedDB. */
	cipher: FieldCipher;
}

export class DeviceDatabase extends Dexie {
	records!: Table<RecordRow, string>;
	outbox!: Table<OutboxRow, number>;
	refused!: Table<RefusedRow, number>;
	conflicts!: Table<ConflictRow, string>;
	drafts!: Table<DraftRow, string>;
	views!: Table<ViewRow, number>;
	meta!: Table<MetaRow, string>;
	/** The map's small plain rows, kept in step with `records` (see `map-places`). */
	mapPlaces!: Table<MapPlaceRow, string>;
	/** All of them in one row, for a quick read, while it is current (see `map-places`). */
	mapPlacesCopy!: Table<MapPlacesCopyRow, string>;
	/** Seals rows before they are written and opens them after they are read. */
	readonly seal: StoreSealer;
	/** The user's field cipher, for stores opened beside this one (see `importLegacyStore`). */
	readonly cipher: FieldCipher;
	/** Search words of the opened records, in memory only (see `SearchIndex`). */
	readonly searchIndex: SearchIndex;
	#closedElsewhere: ClosedElsewhere | null = null;
	readonly #onClosedElsewhere = new Set<(reason: ClosedElsewhere) => void>();

	constructor(name: string, options: DeviceDatabaseOptions) {
		// Strict durability: a commit is done only when it is on disk, not handed to the OS.
		super(name, { chromeTransactionDurability: 'strict' });
		this.cipher = options.cipher;
		this.seal = new StoreSealer(options.cipher);
		this.searchIndex = new SearchIndex(this);
		this.use(watchRecordWrites('records', (ids) => this.searchIndex.changed(ids)));
		this.on('versionchange', (event) => this.#versionChanged(event));
		// Sticky: checked at every opening, the first and any after a lock and unlock.
		this.on('ready', () => this.#checkInstalledVersion(), true);
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
		// v3: lists read only the page they show (indexes end in updatedAt). Its search-word index
		// went again in v5, so the words it derived are no longer made here.
		this.version(3).stores({
			records: RECORD_INDEXES_V3,
			outbox: '++seq, recordId',
			drafts: 'key, updatedAt',
			meta: 'key'
		});
		// v4: sync. Per-key versions on records, outbox entries with clock stamps and bases, changes
		// the server refused, and conflicts to review.
		this.version(4)
			.stores({ records: RECORD_INDEXES_V3, ...SYNC_TABLES })
			.upgrade(upgradeToV4);
		// v5: personal and health fields sealed (security.md S11); whatever an older version left in
		// plain text is sealed in the same upgrade.
		this.version(5)
			.stores({ records: RECORD_INDEXES, ...SYNC_TABLES })
			.upgrade((tx) => sealInPlace(tx, this.seal));
		// v6: views of sensitive records, kept until the audit log on the server has them.
		this.version(6).stores({ records: RECORD_INDEXES, ...SYNC_TABLES, views: '++id' });
		// v7: the map's own small rows of what it can place from plain fields, so it opens quickly.
		this.version(7)
			.stores({
				records: RECORD_INDEXES,
				...SYNC_TABLES,
				views: '++id',
				[MAP_PLACES_TABLE]: 'id, type',
				[MAP_PLACES_COPY_TABLE]: 'key'
			})
			.upgrade(fillMapPlaces);
		// v8: changes get their mutation ids as they are saved; which were numbered for sending is
		// kept apart. Also closes tabs still running an older version, which would number otherwise.
		this.version(8)
			.stores({})
			.upgrade((tx) => numberedSoFar(tx.table('outbox'), tx.table('meta')));
		// v9: a large download marks the map's rows stale rather than writing each one. Closes tabs
		// still running an older version, which would take stale rows for current ones.
		this.version(9).stores({});
		this.use(mapPlacesMiddleware);
	}

	/** Whether another tab took this store away, and why (see `ClosedElsewhere`); null while it has not. */
	get closedElsewhere(): ClosedElsewhere | null {
		return this.#closedElsewhere;
	}

	/** Call `listener` once another tab takes this store away; returns the way to stop. */
	onClosedElsewhere(listener: (reason: ClosedElsewhere) => void): () => void {
		this.#onClosedElsewhere.add(listener);
		return () => this.#onClosedElsewhere.delete(listener);
	}

	/**
	 * Another tab opens the store at a newer version, or deletes it. The connection closes so that
	 * the other tab can go ahead, and stays closed: Dexie's own handler (which this one stops, by
	 * returning false) would open the store again on the next read or write, at the newer version
	 * or empty, and this tab would go on writing to a store it no longer understands, or bring back
	 * a removed person's store. Writes fail with `UpdatedElsewhere` or `RemovedElsewhere` instead.
	 *
	 * A version only a little higher is an older tab's Dexie adding what its schema lacks (it bumps
	 * the version by one): that is left to Dexie's handler, which reopens here as usual.
	 */
	#versionChanged(event: IDBVersionChangeEvent): false | undefined {
		const reason: ClosedElsewhere | null = !event.newVersion
			? 'removed'
			: Math.floor(event.newVersion / 10) > this.verno
				? 'updated'
				: null;
		if (!reason) return undefined;
		this.close({ disableAutoOpen: true });
		this.#closed(reason);
		return false;
	}

	/**
	 * Opening a store a newer version has upgraded (Dexie opens it anyway, at its version): this
	 * code does not know it, so nothing is read or written. Happens when this tab opens the store
	 * after the other tab upgraded it: on unlocking, or switching person.
	 */
	#checkInstalledVersion(): void {
		if (Math.floor(this.backendDB().version / 10) <= this.verno) return;
		this.#closed('updated');
		throw new UpdatedElsewhere();
	}

	#closed(reason: ClosedElsewhere): void {
		if (this.#closedElsewhere) return;
		this.#closedElsewhere = reason;
		for (const listener of [...this.#onClosedElsewhere]) listener(reason);
	}

	/** Closing (on lock, or switching person) forgets the search words held in memory. */
	override close(options?: { disableAutoOpen: boolean }): void {
		this.searchIndex.drop();
		super.close(options);
	}

	/**
	 * One read-write transaction over everything a change touches: the record, the outbox, refused
	 * changes, conflicts and the sync state. Callers that save several records together wrap their
	 * repository calls in it. A full disk becomes `StorageFull`, with nothing half-written; a store
	 * another tab took away, `UpdatedElsewhere` or `RemovedElsewhere`.
	 */
	async write<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await this.transaction(
				'rw',
				[this.records, this.outbox, this.refused, this.conflicts, this.meta],
				work
			);
		} catch (error) {
			throw this.#closedElsewhere ? closedElsewhereError(this.#closedElsewhere) : asStorageFull(error);
		}
	}
}

/** The fields a record is stored with besides its own, derived from its data. */
export type RecordFields = Omit<StoredRecord, 'status' | 'assignee'>;

/**
 * A record with its list-index fields derived through its kind. Data that does not fit today's
 * schema is kept, unindexed: it still shows in "all records" and can be opened and fixed.
 * (`domain/privacy` keeps what a kind's status and assignee read in plain text.)
 */
export function indexRecord(
	record: RecordFields,
	kind: RecordKind<Record<string, unknown>> = kindOf(record.type)
): StoredRecord {
	const stored: StoredRecord = { ...record, status: '' };
	delete stored.assignee;
	try {
		stored.status = kind.status(record.data) ?? '';
		const assignee = kind.assignee?.(record.data);
		if (assignee) stored.assignee = assignee;
	} catch {
		// Left unindexed (see above).
	}
	return stored;
}
