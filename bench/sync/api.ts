/**
 * What the sync benchmark's browser bundle (entry.mts) puts on `window.benchSync`, shared with the
 * Node runner (sync.bench.ts). Checked under both bench/tsconfig.json (Node) and
 * bench/sync/tsconfig.json (browser), so it imports nothing and uses no DOM or Node types.
 */

/** One timed replication, timed inside the page with performance.now(). */
export interface Replicated {
	ms: number;
	/** Records the device holds afterwards (pull) or the replication wrote to the server (push). */
	records: number;
	/** Where Fellside's time went (for the log); PouchDB's is not split. */
	phases?: Phases;
}

/**
 * Where a Fellside replication's time went. The engine asks for the next pull page while it stores
 * one, so server and device time overlap and need not add up to `ms`.
 */
export interface Phases {
	/** In the device store's write transactions (`DeviceDatabase.write`): IndexedDB and the work done inside. */
	deviceMs: number;
	/** In fetch until each answer's last byte: the network and the server's work. */
	serverMs: number;
	/** The rest of each transport call: JSON of requests and answers and Zod's check of the answer. */
	protocolMs: number;
	/** Requests made. */
	requests: number;
}

/** The documents both sides replicate: the demo generator's records. */
export interface Dataset {
	records: number;
	/** Mean JSON size of a record's `data`, and of the whole record (envelope with data). */
	meanDataBytes: number;
	meanRecordBytes: number;
	/** Records per type. */
	types: Record<string, number>;
	/** generateDemo() in the page (not part of any figure). */
	generateMs: number;
}

export interface BenchSyncApi {
	/** Generate the records in this page (once, untimed); every later call replicates these. */
	prepare(records: number): Promise<Dataset>;
	/**
	 * PouchDB: a new local database (IndexedDB) replicates everything from server database `remote`
	 * (same origin), batch size `batchSize`. Timed from the start of replication to its end; the
	 * local database is destroyed afterwards.
	 */
	pouchPull(remote: string, batchSize: number): Promise<Replicated>;
	/**
	 * PouchDB: a new local database (IndexedDB) with the records saved in it under new ids
	 * (`asMadeNow`), ready for pouchPush(). Set-up, untimed; returns the records saved.
	 */
	pouchPrepareDevice(): Promise<number>;
	/** PouchDB: the prepared local database replicates to server database `remote`, timed; then destroyed. */
	pouchPush(remote: string, batchSize: number): Promise<Replicated>;
	/**
	 * Fellside: a new, empty device pulls everything from the server (same origin): one full sync
	 * through the sync engine, timed. The device database is deleted afterwards.
	 */
	fellsidePull(): Promise<Replicated>;
	/**
	 * Fellside: a new device on which the records (under new ids, `asMadeNow`) are saved as a person
	 * saves them, each with its outbox entry, ready for fellsidePush(). Set-up, untimed.
	 */
	fellsidePrepareDevice(): Promise<number>;
	/** Fellside: the prepared device pushes everything through the sync engine, timed; then deleted. */
	fellsidePush(): Promise<Replicated>;
}

/** What the reconnect-storm process (storm.mts) prints as its last line of output, as JSON. */
export interface StormResult {
	devices: number;
	mutationsPerDevice: number;
	/** Each push's time from sending to the full answer, in ms, in the order devices were started. */
	latenciesMs: number[];
	/** From firing the first push to the last answer. */
	totalMs: number;
	/** Pushes that needed more than one attempt (a 409 gap or a network error), with why. */
	retries: string[];
	/** What the server holds afterwards, read from its database. */
	server: {
		records: number;
		/** Clients whose last applied mutation id is exactly mutationsPerDevice. */
		clientsComplete: number;
		/** Mutation answers stored (one per mutation when each is applied exactly once). */
		answers: number;
	};
}
