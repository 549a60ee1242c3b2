import { MAIN_RECORD_TYPES, type RecordEnvelope, type RecordType } from '$lib/domain/records';
import { indexRecord, type DeviceDatabase, type StoredRecord } from './database';

/** Reads across types. */
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
		return rows;
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

	/** The old download's page store, until the sync engine's pull replaces it. */
	async storeDownloadedPage(records: RecordEnvelope[], next: string | null, at: string): Promise<void> {
		const db = this.#db;
		await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
			const ids = records.map((r) => r.id);
			const pending = new Set(await db.outbox.where('recordId').anyOf(ids).uniqueKeys());
			const fresh = records.filter((r) => !pending.has(r.id));
			await db.records.bulkPut(fresh.map((r) => indexRecord({ ...r, versions: {} })));
			if (next) await db.meta.put({ key: 'download.after', value: next });
			else {
				await db.meta.delete('download.after');
				await db.meta.put({ key: 'download.completedAt', value: at });
			}
		});
	}

	async getMeta(key: string): Promise<string | undefined> {
		return (await this.#db.meta.get(key))?.value;
	}
}
