import Dexie, { type Table } from 'dexie';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';

interface MetaRow {
	key: string;
	value: string;
}

/**
 * Everything Fellside keeps on the device. Later issues add the outbox (written in the same
 * transaction as each edit) and encryption of personal fields; the records table is the base.
 */
export class DeviceDatabase extends Dexie {
	records!: Table<RecordEnvelope, string>;
	meta!: Table<MetaRow, string>;

	constructor(name = 'fellside') {
		// Strict durability: a commit is done only when it is on disk, not handed to the OS.
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			records: 'id, type, areaId, [type+updatedAt]',
			meta: 'key'
		});
	}
}

export class DeviceStore {
	readonly #db: DeviceDatabase;

	constructor(db: DeviceDatabase) {
		this.#db = db;
	}

	/** A type's records, most recently changed first. */
	async list(type: RecordType): Promise<RecordEnvelope[]> {
		const rows = await this.#db.records
			.where('[type+updatedAt]')
			.between([type, Dexie.minKey], [type, Dexie.maxKey])
			.toArray();
		return rows.reverse();
	}

	async get(id: string): Promise<RecordEnvelope | undefined> {
		return this.#db.records.get(id);
	}

	async counts(): Promise<Record<RecordType, number>> {
		const count = (type: RecordType) => this.#db.records.where('type').equals(type).count();
		const [asset, visit, referral, floodGroup] = await Promise.all([
			count('asset'),
			count('visit'),
			count('referral'),
			count('floodGroup')
		]);
		return { asset, visit, referral, floodGroup };
	}

	/** Store one downloaded page atomically, with the point reached, so a cut-off download resumes. */
	async storeDownloadedPage(records: RecordEnvelope[], next: string | null, at: string): Promise<void> {
		await this.#db.transaction('rw', this.#db.records, this.#db.meta, async () => {
			await this.#db.records.bulkPut(records);
			if (next) await this.#db.meta.put({ key: 'download.after', value: next });
			else {
				await this.#db.meta.delete('download.after');
				await this.#db.meta.put({ key: 'download.completedAt', value: at });
			}
		});
	}

	async getMeta(key: string): Promise<string | undefined> {
		return (await this.#db.meta.get(key))?.value;
	}
}
