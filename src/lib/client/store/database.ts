import Dexie, { type Table } from 'dexie';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordEnvelope } from '$lib/domain/records';
import { indexWords } from '$lib/domain/search';

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
}

export type OutboxOp = 'create' | 'update' | 'archive' | 'restore';

/**
 * One local change waiting for the server. Written in the same transaction as the record, and
 * removed only when the server acknowledges it. `seq` orders a device's changes.
 */
export interface OutboxEntry {
	seq?: number;
	recordId: string;
	type: RecordEnvelope['type'];
	op: OutboxOp;
	/** The fields this change set, with their new values. */
	fields: Record<string, unknown>;
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

interface MetaRow {
	key: string;
	value: string;
}

export class DeviceDatabase extends Dexie {
	records!: Table<StoredRecord, string>;
	outbox!: Table<OutboxEntry, number>;
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
			.stores({
				records:
					'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt], *words',
				outbox: '++seq, recordId',
				drafts: 'key, updatedAt',
				meta: 'key'
			})
			.upgrade((tx) =>
				tx
					.table<StoredRecord, string>('records')
					.toCollection()
					.modify((record) => {
						record.words = recordWords(record);
					})
			);
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
