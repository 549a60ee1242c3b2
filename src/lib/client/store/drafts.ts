import type { DeviceDatabase, Draft } from './database';

/**
 * Half-filled forms, kept on the device as the person types, so that a reload, a closed tab or a
 * crash loses nothing. A draft goes only when its record is saved or the person discards it.
 */
export class DraftStore {
	readonly #db: DeviceDatabase;
	readonly #now: () => string;

	constructor(db: DeviceDatabase, now: () => string = () => new Date().toISOString()) {
		this.#db = db;
		this.#now = now;
	}

	async save(draft: Omit<Draft, 'updatedAt'>): Promise<void> {
		await this.#db.drafts.put({ ...draft, updatedAt: this.#now() });
	}

	async get(key: string): Promise<Draft | undefined> {
		return this.#db.drafts.get(key);
	}

	/** Every draft, newest first: what the app offers back ("Continue your visit at 14 Main Street?"). */
	async list(): Promise<Draft[]> {
		return (await this.#db.drafts.orderBy('updatedAt').toArray()).reverse();
	}

	async discard(key: string): Promise<void> {
		await this.#db.drafts.delete(key);
	}
}
