import { MAIN_RECORD_TYPES, type RecordType } from '$lib/domain/records';
import type { DeviceDatabase, StoredRecord } from './database';

/** Reads across types, opened with the database's field cipher. */
export class DeviceStore {
	readonly #db: DeviceDatabase;

	constructor(db: DeviceDatabase) {
		this.#db = db;
	}

	get database(): DeviceDatabase {
		return this.#db;
	}

	/** A type's records, most recently changed first, archived ones left out. */
	async list(type: RecordType): Promise<StoredRecord[]> {
		const rows = await this.#db.records
			.where('[type+updatedAt]')
			.between([type, ''], [type, '\uffff'])
			.reverse()
			.filter((r) => !r.archivedAt)
			.toArray();
		return this.#db.seal.openRecords(rows);
	}

	/** How many of each main type are on the device, archived ones left out. */
	async counts(): Promise<Record<(typeof MAIN_RECORD_TYPES)[number], number>> {
		const count = (type: RecordType) =>
			this.#db.records
				.where('[type+updatedAt]')
				.between([type, ''], [type, '\uffff'])
				.filter((r) => !r.archivedAt)
				.count();
		const [asset, visit, referral, floodGroup] = await Promise.all(MAIN_RECORD_TYPES.map(count));
		return { asset: asset ?? 0, visit: visit ?? 0, referral: referral ?? 0, floodGroup: floodGroup ?? 0 };
	}

	/** How many local changes are waiting for the server. */
	async pendingChanges(): Promise<number> {
		return this.#db.outbox.count();
	}

	async getMeta(key: string): Promise<string | undefined> {
		return (await this.#db.meta.get(key))?.value;
	}
}
