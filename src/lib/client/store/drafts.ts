import type { DeviceDatabase, Draft } from './database';

/**
 * Half-filled forms, kept on the device as the person types, so that a reload, a closed tab or a
 * crash loses nothing. A draft goes only when its record is saved or the person discards it.
 *
 * Drafts are written in the background as the person types. Once another tab has taken the store
 * away (`closedElsewhere`), there is nowhere to write them and nothing to read: the page says so
 * in its banner, and drafts are neither kept nor offered, rather than failing unseen.
 */
export class DraftStore {
	readonly #db: DeviceDatabase;
	readonly #now: () => string;

	constructor(db: DeviceDatabase, now: () => string = () => new Date().toISOString()) {
		this.#db = db;
		this.#now = now;
	}

	/** Sealed before it is written: what a person types, and even the label, is personal. */
	async save(draft: Omit<Draft, 'updatedAt'>): Promise<void> {
		if (this.#db.closedElsewhere) return;
		const [row] = await this.#db.seal.drafts([{ ...draft, updatedAt: this.#now() }]);
		if (row) await this.#db.drafts.put(row);
	}

	async get(key: string): Promise<Draft | undefined> {
		if (this.#db.closedElsewhere) return undefined;
		const row = await this.#db.drafts.get(key);
		return row ? (await this.#db.seal.openDrafts([row]))[0] : undefined;
	}

	/** Every draft, newest first: what the app offers back ("Continue your visit at 14 Main Street?"). */
	async list(): Promise<Draft[]> {
		if (this.#db.closedElsewhere) return [];
		return this.#db.seal.openDrafts((await this.#db.drafts.orderBy('updatedAt').toArray()).reverse());
	}

	async discard(key: string): Promise<void> {
		if (this.#db.closedElsewhere) return;
		await this.#db.drafts.delete(key);
	}
}
