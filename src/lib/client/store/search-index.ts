import type { RecordKind } from '$lib/domain/kinds';
import { searchWords } from '$lib/domain/search';
import type { DeviceDatabase, StoredRecord } from './database';
import { recordsById, recordsOfType, type Chunk, type ChunkReader } from './record-chunks';

/** A record a search found, with what orders it in the lists. */
export interface Found {
	id: string;
	updatedAt: string;
}

/** Records read at a time: one getAll() each. */
const CHUNK = 1000;

/**
 * Records opened at a time in the background: opening a whole chunk at once took one task of up to
 * 100 ms on a 2-core machine, long enough to stutter a map being panned meanwhile (bench:map).
 */
const OPEN_IN_BACKGROUND = 100;

/** Written records left for the next search to read: a save's few; a downloaded page's, at once. */
const REFRESH_IN_BACKGROUND = 100;

/**
 * Search words come from sealed fields (names, addresses), so no IndexedDB index may hold them
 * (security.md S11). This index holds them in memory only: built after unlock by opening each
 * record once, a chunk at a time in the background; kept up to date by every committed write to
 * the records table (the store's own saves, sync's pulls and removals; see `watchRecordWrites`);
 * dropped when the store closes on lock. A search before a type is built waits for that type first.
 */
export class SearchIndex {
	readonly #db: DeviceDatabase;
	/** One per record kind (tests use their own kinds over the same type). */
	readonly #kinds = new Map<RecordKind, KindIndex>();
	/** Reading and opening runs one chunk at a time, so a newer read never lands before an older one. */
	#queue: Promise<unknown> = Promise.resolve();
	/** The last search to wait for its type: the background build of other types lets it go first. */
	#searching: { index: KindIndex; done: Promise<unknown> } | undefined;

	constructor(db: DeviceDatabase) {
		this.#db = db;
	}

	/** Build the index for these kinds in the background, one after another. */
	async build(kinds: readonly RecordKind[]): Promise<void> {
		for (const kind of kinds) await this.#ready(this.#for(kind), true);
	}

	/** Records of the kind's type whose search words start with every typed word ("kesw lunch"). */
	async matching(kind: RecordKind, typed: readonly string[]): Promise<Found[]> {
		const index = this.#for(kind);
		const ready = this.#ready(index, false);
		this.#searching = { index, done: ready.catch(() => undefined) };
		await ready;
		// Each word of the text follows a space, so " kesw" finds a word starting "kesw".
		const starts = typed.map((word) => ` ${word}`);
		const found: Found[] = [];
		for (const [id, entry] of index.entries) {
			if (starts.every((start) => entry.words.includes(start)))
				found.push({ id, updatedAt: entry.updatedAt });
		}
		return found;
	}

	/**
	 * Records written by a committed transaction (or `all` after a clear): read again before the next
	 * search, or at once in the background when there are many (a downloaded page).
	 */
	changed(ids: readonly string[] | 'all'): void {
		for (const index of this.#kinds.values()) {
			if (ids === 'all') index.reset();
			else for (const id of ids) index.stale.add(id);
			if (index.built && !index.refreshing && index.stale.size >= REFRESH_IN_BACKGROUND)
				this.#ready(index, true).catch(() => undefined);
		}
	}

	/** Forget every word (the store is locking). */
	drop(): void {
		for (const index of this.#kinds.values()) index.reset();
		this.#kinds.clear();
	}

	/** Whether every record of the kind's type is in the index (as of its last read). */
	isBuilt(kind: RecordKind): boolean {
		return this.#kinds.get(kind)?.built === true;
	}

	#for(kind: RecordKind): KindIndex {
		let index = this.#kinds.get(kind);
		if (!index) this.#kinds.set(kind, (index = new KindIndex(kind)));
		return index;
	}

	/** Build the kind's index once, then read again whatever was written since. */
	async #ready(index: KindIndex, background: boolean): Promise<void> {
		const generation = index.generation;
		index.building ??= this.#build(index, background);
		await index.building;
		// Dropped or cleared meanwhile: start again.
		if (index.generation !== generation) return this.#ready(index, background);
		// Every caller waits for the same pass, which runs until nothing written is left unread.
		if (!index.refreshing) {
			const refreshing = this.#refresh(index, background).finally(() => {
				if (index.refreshing === refreshing) index.refreshing = undefined;
			});
			index.refreshing = refreshing;
		}
		await index.refreshing;
	}

	async #build(index: KindIndex, background: boolean): Promise<void> {
		const { generation } = index;
		try {
			await this.#read(index, recordsOfType(this.#db, index.kind.type, CHUNK), background, generation);
			if (index.generation === generation) index.built = true;
		} catch (error) {
			// Let the next search try again (e.g. after a read failed).
			if (index.generation === generation) index.building = undefined;
			throw error;
		}
	}

	async #refresh(index: KindIndex, background: boolean): Promise<void> {
		const { generation } = index;
		while (index.stale.size > 0 && index.generation === generation) {
			const ids = [...index.stale];
			index.stale.clear();
			await this.#read(index, recordsById(this.#db, index.kind.type, ids, CHUNK), background, generation);
		}
	}

	/**
	 * Read, open and index records a chunk at a time (unless dropped meanwhile). Each chunk is read
	 * and indexed in turn with every other, so a newer read never lands before an older one.
	 */
	async #read(index: KindIndex, next: ChunkReader, background: boolean, generation: number): Promise<void> {
		for (let first = true; index.generation === generation; first = false) {
			if (!first || background) await nextTask();
			const searching = this.#searching;
			if (background && searching && searching.index !== index) await searching.done;
			const run = this.#queue.then(async () => {
				const chunk = await next();
				if (chunk) await this.#indexChunk(index, chunk, background, generation);
				return chunk !== undefined;
			});
			this.#queue = run.catch(() => undefined);
			if (!(await run)) return;
		}
	}

	async #indexChunk(
		index: KindIndex,
		{ rows, gone }: Chunk,
		background: boolean,
		generation: number
	): Promise<void> {
		const slice = background ? OPEN_IN_BACKGROUND : rows.length;
		for (let at = 0; at < rows.length; at += slice) {
			if (at > 0) await nextTask();
			const opened = await this.#db.seal.openRecords(rows.slice(at, at + slice));
			if (index.generation !== generation) return;
			for (const record of opened)
				index.entries.set(record.id, { updatedAt: record.updatedAt, words: wordsOf(index.kind, record) });
		}
		for (const id of gone) index.entries.delete(id);
	}
}

interface Entry {
	updatedAt: string;
	/** The record's search words, each after a space (" keswick lunch club"): one string, little memory. */
	words: string;
}

class KindIndex {
	readonly entries = new Map<string, Entry>();
	/** Records written since they were last read. */
	readonly stale = new Set<string>();
	building: Promise<void> | undefined;
	refreshing: Promise<void> | undefined;
	built = false;
	/** Moves on every reset, so reads begun before it are not kept. */
	generation = 0;

	constructor(readonly kind: RecordKind) {}

	reset(): void {
		this.entries.clear();
		this.stale.clear();
		this.building = undefined;
		this.refreshing = undefined;
		this.built = false;
		this.generation++;
	}
}

/** Stored data may not fit today's schema: such a record is kept, just not found by search. */
function wordsOf(kind: RecordKind, record: StoredRecord): string {
	try {
		return searchWords(kind.searchText(record.data))
			.map((word) => ` ${word}`)
			.join('');
	} catch {
		return '';
	}
}

/** Let the page handle input and paint between chunks. */
function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
