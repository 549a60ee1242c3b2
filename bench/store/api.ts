/**
 * What the store benchmark's browser bundle (entry.mts) puts on `window.benchStore`, shared with the
 * Node runner (store.bench.ts). It is checked under both bench/tsconfig.json (Node) and
 * bench/store/tsconfig.json (browser), so it imports nothing and uses no DOM or Node types.
 */

/** The four main record types, whose lists the benchmark reads (MAIN_RECORD_TYPES in src/lib/domain/records.ts). */
export type BenchType = 'asset' | 'visit' | 'referral' | 'floodGroup';

export const BENCH_TYPES: readonly BenchType[] = ['asset', 'visit', 'referral', 'floodGroup'];

/**
 * Every record type the demo generator writes (RecordType in src/lib/domain/records.ts, repeated here
 * to stay import-free; entry.mts checks at compile time that the two lists agree).
 */
export type StoredType = BenchType | 'floodContact' | 'floodHousehold' | 'floodActivation';

export const STORED_TYPES: readonly StoredType[] = [
	...BENCH_TYPES,
	'floodContact',
	'floodHousehold',
	'floodActivation'
];

/** One timed operation, timed inside the page with performance.now(). */
export interface Timed {
	ms: number;
	/** Ids of the rows returned (for saves: the id written), so both sides can be checked to agree. */
	ids: string[];
}

export interface SeedResult {
	records: number;
	pageSize: number;
	/** generateDemo() in the page, not part of either figure. */
	generateMs: number;
	/** All pages through DeviceStore.storeDownloadedPage. */
	fellsideMs: number;
	/**
	 * The same envelopes, same pages, through plain IndexedDB (one readwrite transaction per page),
	 * deriving status, assignee and words the same way.
	 */
	rawMs: number;
	/** Rows per type in the Fellside database; the raw database is checked to hold the same rows. */
	counts: Record<StoredType, number>;
	/** Index entries in `words` (one per search word per record), the same on both sides. */
	wordEntries: number;
}

/** How a text search will run: each typed word's prefix-range size in the `words` index. */
export interface SearchPlan {
	/** Type-prefixed search words, as typed, with their index entry counts. */
	words: { word: string; entries: number }[];
	/** Records the rarest range points at (what the search reads), after removing repeats. */
	reads: number;
}

/** A timed pass over every record (no rows returned: there are too many to send back). */
export interface TimedAll {
	ms: number;
	/** Records read. */
	records: number;
}

export interface BenchStoreApi {
	/** Generate `n` demo records and store them in both databases, `pageSize` per transaction. */
	seed(n: number, pageSize?: number): Promise<SeedResult>;
	firstPage(type: BenchType): Promise<Timed>;
	filtered(type: BenchType, status: string): Promise<Timed>;
	search(type: BenchType, text: string): Promise<Timed>;
	/** A search right after unlock: the search index dropped (as locking does), so it builds the type first. */
	searchAfterUnlock(type: BenchType, text: string): Promise<Timed>;
	/** The search index dropped (as locking does) and built again for every type, as after unlock. */
	buildSearchIndex(): Promise<TimedAll>;
	save(type: BenchType): Promise<Timed>;
	rawFirstPage(type: BenchType): Promise<Timed>;
	rawFiltered(type: BenchType, status: string): Promise<Timed>;
	rawSearch(type: BenchType, text: string): Promise<Timed>;
	rawSave(type: BenchType): Promise<Timed>;
	/** Every record read with one getAll(): what building any index from the rows must at least do. */
	rawReadAll(): Promise<TimedAll>;
	/** Untimed: the index ranges a search for `text` reads (from the raw database). */
	searchPlan(type: BenchType, text: string): Promise<SearchPlan>;
	/** Untimed: rows of the type with this status (the size of the range a filtered list walks). */
	statusCount(type: BenchType, status: string): Promise<number>;
	/** Outbox rows in each database (a check that every save queued its change). */
	pending(): Promise<{ fellside: number; raw: number }>;
}

/** Rows per list page, as the lists show them. */
export const PAGE_SIZE = 25;
