/**
 * What the store benchmark's browser bundle (entry.mts) puts on `window.benchStore`, shared with the
 * Node runner (store.bench.ts). It is checked under both bench/tsconfig.json (Node) and
 * bench/store/tsconfig.json (browser), so it imports nothing and uses no DOM or Node types.
 */

/** The four record types (RecordType in src/lib/domain/records.ts, repeated here to stay import-free). */
export type BenchType = 'asset' | 'visit' | 'referral' | 'floodGroup';

export const BENCH_TYPES: readonly BenchType[] = ['asset', 'visit', 'referral', 'floodGroup'];

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
	/** The same rows, same pages, through plain IndexedDB (one readwrite transaction per page). */
	rawMs: number;
	/** Rows per type in the Fellside database; the raw database is checked to hold the same. */
	counts: Record<BenchType, number>;
}

export interface BenchStoreApi {
	/** Generate `n` demo records and store them in both databases, `pageSize` per transaction. */
	seed(n: number, pageSize?: number): Promise<SeedResult>;
	firstPage(type: BenchType): Promise<Timed>;
	filtered(type: BenchType, status: string): Promise<Timed>;
	search(type: BenchType, text: string): Promise<Timed>;
	save(type: BenchType): Promise<Timed>;
	rawFirstPage(type: BenchType): Promise<Timed>;
	rawFiltered(type: BenchType, status: string): Promise<Timed>;
	rawSearch(type: BenchType, text: string): Promise<Timed>;
	rawSave(type: BenchType): Promise<Timed>;
	/** Outbox rows in each database (a check that every save queued its change). */
	pending(): Promise<{ fellside: number; raw: number }>;
}

/** Rows per list page, as the lists show them. */
export const PAGE_SIZE = 25;
