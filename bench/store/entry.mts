/**
 * Browser side of `npm run bench:store`, bundled by store.bench.ts with esbuild (iife) and loaded in
 * Chromium. Exposes `window.benchStore`: each operation once through the real device store
 * (DeviceDatabase, DeviceStore, RecordRepository with the real record kinds) and once through plain
 * IndexedDB (raw.mts), on two databases of the same origin holding the same rows. Every operation
 * times itself with performance.now() and returns { ms, ids }, so the runner can check both sides
 * return the same rows.
 *
 * (`.mts`, not `.ts`: bench/tsconfig.json type-checks every `.ts` under bench/ for Node, and this file
 * needs the DOM and the `$lib` alias; bench/store/tsconfig.json checks it instead.)
 */
import { DeviceDatabase, type StoredRecord } from '$lib/client/store/database';
import { MAP_PLACES_COPY_TABLE, MAP_PLACES_TABLE } from '$lib/client/store/map-places';
import { RecordRepository } from '$lib/client/store/repository';
import { storePage } from '$lib/client/sync/pull';
import { fieldCipher, newDataKey } from '$lib/client/vault/cipher';
import { generateDemo } from '$lib/demo/generate';
import { kindOf } from '$lib/domain/record-kinds';
import { RECORD_TYPES, type RecordEnvelope, type RecordType } from '$lib/domain/records';
import { encodeHlc } from '$lib/domain/sync/hlc';
import { AREA_KEY, type SyncRecord } from '$lib/domain/sync/protocol';
import {
	PAGE_SIZE,
	STORED_TYPES,
	type BenchStoreApi,
	type BenchType,
	type SeedResult,
	type StoredType,
	type Timed
} from './api.js';
import { deleteDatabase, openRawDatabase, RawStore, rawRow, request, type RawRow } from './raw.mjs';

declare global {
	interface Window {
		benchStore: BenchStoreApi;
	}
}

// api.ts repeats the record types to stay import-free: both directions must hold.
const sameTypes: [Exclude<RecordType, StoredType>, Exclude<StoredType, RecordType>] extends [never, never]
	? true
	: false = true;
void sameTypes;

type Data = Record<string, unknown>;

const FELLSIDE_DB = 'fellside-bench';
const RAW_DB = 'raw-bench';

interface Ready {
	db: DeviceDatabase;
	repos: Record<BenchType, RecordRepository<Data>>;
	raw: RawStore;
	/** One generated record per type, checked against its schema: what a save writes (as a new record). */
	templates: Record<BenchType, RecordEnvelope>;
}

let ready: Ready | undefined;

function seeded(): Ready {
	if (!ready) throw new Error('benchStore.seed() has not run');
	return ready;
}

/** Times `work` alone (input preparation stays outside) and returns the ids of what it returned. */
async function timed(work: () => Promise<readonly { id: string }[]>): Promise<Timed> {
	const start = performance.now();
	const rows = await work();
	const ms = performance.now() - start;
	return { ms, ids: rows.map((r) => r.id) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * Tables the device store has beyond the records, outbox and their kin, which the raw side leaves out:
 * views waiting for the audit log (empty here) and the map's own rows, which the store keeps in step
 * with every record write as part of the cost measured.
 */
const FELLSIDE_ONLY = new Set(['views', MAP_PLACES_TABLE, MAP_PLACES_COPY_TABLE]);

function describeSchema(db: IDBDatabase): string {
	const names = [...db.objectStoreNames].filter((name) => !FELLSIDE_ONLY.has(name));
	const tx = db.transaction(names, 'readonly');
	const stores = names.sort().map((name) => {
		const store = tx.objectStore(name);
		const indexes = [...store.indexNames].sort().map((i) => {
			const index = store.index(i);
			return `${i}=${JSON.stringify(index.keyPath)}${index.unique ? ' unique' : ''}${index.multiEntry ? ' multi' : ''}`;
		});
		return `${name}(${JSON.stringify(store.keyPath)}${store.autoIncrement ? ' auto' : ''}: ${indexes.join(', ')})`;
	});
	return stores.join(' ');
}

/** Everything of a stored row that either side could get wrong, in a fixed order. */
function rowText(r: StoredRecord | RawRow): string {
	return JSON.stringify([
		r.id,
		r.type,
		r.areaId,
		r.createdAt,
		r.updatedAt,
		r.status,
		r.assignee ?? null,
		r.archivedAt ?? null,
		// Top-level fields sorted: an opened record has its plain fields first, then the sealed ones.
		Object.fromEntries(Object.entries(r.data).sort(([a], [b]) => a.localeCompare(b))),
		r.versions
	]);
}

/**
 * Both databases hold the very same records (ids, envelopes, data and derived index fields), the
 * device store's opened from their sealed rows. Returns the raw side's search-word index entries.
 */
async function checkSameRows(db: DeviceDatabase, raw: IDBDatabase): Promise<number> {
	const ours = await db.seal.openRecords(await db.records.toArray());
	const theirs = (await request(
		raw.transaction('records', 'readonly').objectStore('records').getAll()
	)) as RawRow[];
	if (ours.length !== theirs.length) throw new Error(`${ours.length} rows in Fellside, ${theirs.length} raw`);
	let wordEntries = 0;
	for (const [i, row] of ours.entries()) {
		const a = rowText(row);
		const other = theirs[i];
		const b = other ? rowText(other) : 'nothing';
		if (a !== b)
			throw new Error(`row ${i} differs:\n  fellside ${a.slice(0, 300)}\n  raw      ${b.slice(0, 300)}`);
		wordEntries += other?.words.length ?? 0;
	}
	return wordEntries;
}

async function seed(n: number, pageSize = 5_000): Promise<SeedResult> {
	if (ready) {
		ready.db.close();
		ready.raw.database.close();
		ready = undefined;
	}
	await Promise.all([DeviceDatabase.delete(FELLSIDE_DB), deleteDatabase(RAW_DB)]);

	const start = performance.now();
	const { records } = generateDemo({ size: n });
	const generateMs = performance.now() - start;
	// As the server sends them: every key versioned by one server clock stamp.
	const stamp = encodeHlc({ ms: Date.now(), counter: 0, node: 'server' });
	const pages = chunks(
		records.map((record) => asPulled(record, stamp)),
		pageSize
	);
	const now = () => new Date().toISOString();
	const cursor = (i: number) => String(i + 1);
	const last = (i: number) => i === pages.length - 1;

	const db = new DeviceDatabase(FELLSIDE_DB, { cipher: fieldCipher(await newDataKey()) });
	await db.open();
	const raw = new RawStore(await openRawDatabase(RAW_DB));
	// The same envelopes in the same pages; the raw side derives status, assignee and words itself.
	// Page by page, taking turns at going first: both databases live in the origin's one LevelDB, so
	// its background compaction after a side's writes then slows both sides alike.
	let fellsideMs = 0;
	let rawMs = 0;
	const fellsidePage = async (i: number, page: SyncRecord[]) => {
		const t = performance.now();
		const changes = page.map((record) => ({ kind: 'record' as const, record }));
		await storePage({ db, now }, changes, cursor(i), last(i));
		fellsideMs += performance.now() - t;
	};
	const rawPage = async (i: number, page: SyncRecord[]) => {
		const t = performance.now();
		await raw.storePage(page, cursor(i));
		rawMs += performance.now() - t;
	};
	for (const [i, page] of pages.entries()) {
		if (i % 2 === 0) {
			await fellsidePage(i, page);
			await rawPage(i, page);
		} else {
			await rawPage(i, page);
			await fellsidePage(i, page);
		}
	}

	// The raw side is the store as it was before fields were sealed: the same layout, plus the
	// search-word index a sealed store cannot have (search opens records and matches in memory).
	const fellsideSchema = describeSchema(db.backendDB());
	const rawSchema = describeSchema(raw.database).replace(', words="words" multi', '');
	if (fellsideSchema !== rawSchema) {
		throw new Error(`raw database layout differs:\n  fellside ${fellsideSchema}\n  raw      ${rawSchema}`);
	}
	const wordEntries = await checkSameRows(db, raw.database);
	const counts = {} as Record<StoredType, number>;
	for (const type of STORED_TYPES) counts[type] = await db.records.where('type').equals(type).count();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	if (total !== records.length) throw new Error(`${total} rows stored of ${records.length} generated`);

	const template = (type: BenchType): RecordEnvelope => {
		const found = records.find((r) => r.type === type);
		if (!found) throw new Error(`no ${type} among the generated records`);
		const parsed = kindOf(type).schema.safeParse(found.data);
		if (!parsed.success)
			throw new Error(`generated ${type} ${found.id} is not schema-valid: ${parsed.error.message}`);
		return found;
	};
	ready = {
		db,
		raw,
		repos: {
			asset: new RecordRepository(db, kindOf('asset')),
			visit: new RecordRepository(db, kindOf('visit')),
			referral: new RecordRepository(db, kindOf('referral')),
			floodGroup: new RecordRepository(db, kindOf('floodGroup'))
		},
		templates: {
			asset: template('asset'),
			visit: template('visit'),
			referral: template('referral'),
			floodGroup: template('floodGroup')
		}
	};
	return { records: records.length, pageSize, generateMs, fellsideMs, rawMs, counts, wordEntries };
}

/** A generated record as a pull page carries it. */
function asPulled(record: RecordEnvelope, stamp: string): SyncRecord {
	const keys = [...Object.keys(record.data), AREA_KEY];
	return { ...record, archivedAt: null, versions: Object.fromEntries(keys.map((key) => [key, stamp])) };
}

const api: BenchStoreApi = {
	seed,

	firstPage: (type) => timed(() => seeded().repos[type].list({ limit: PAGE_SIZE })),
	filtered: (type, status) => timed(() => seeded().repos[type].list({ status, limit: PAGE_SIZE })),
	search: (type, text) => timed(() => seeded().repos[type].list({ text, limit: PAGE_SIZE })),
	searchAfterUnlock: (type, text) => {
		const { db, repos } = seeded();
		db.searchIndex.drop();
		return timed(() => repos[type].list({ text, limit: PAGE_SIZE }));
	},
	buildSearchIndex: async () => {
		const { db } = seeded();
		db.searchIndex.drop();
		const start = performance.now();
		await db.searchIndex.build(RECORD_TYPES.map(kindOf));
		const ms = performance.now() - start;
		const unbuilt = RECORD_TYPES.filter((t) => !db.searchIndex.isBuilt(kindOf(t)));
		if (unbuilt.length > 0) throw new Error(`the search index was not built for ${unbuilt.join(', ')}`);
		return { ms, records: await db.records.count() };
	},
	save: (type) => {
		const { repos, templates } = seeded();
		const { areaId, data } = templates[type];
		const input = structuredClone(data);
		return timed(async () => [await repos[type].create(areaId, input)]);
	},

	rawFirstPage: (type) => timed(() => seeded().raw.firstPage(type)),
	rawFiltered: (type, status) => timed(() => seeded().raw.filtered(type, status)),
	rawSearch: (type, text) => timed(() => seeded().raw.search(type, text)),
	rawSave: (type) => {
		const { raw, templates } = seeded();
		const { areaId, data } = templates[type];
		const input = structuredClone(data);
		return timed(async () => {
			// The row RecordRepository.create() builds (status, assignee and words through the kind,
			// as at seeding; every key stamped) and its outbox entry. No schema check: plain IndexedDB
			// has none.
			const at = new Date().toISOString();
			const hlc = encodeHlc({ ms: Date.parse(at), counter: 0, node: raw.clientId });
			const keys = [...Object.keys(input), AREA_KEY];
			const row = rawRow({
				id: crypto.randomUUID(),
				type,
				areaId,
				createdAt: at,
				updatedAt: at,
				archivedAt: null,
				data: input,
				versions: Object.fromEntries(keys.map((key) => [key, hlc]))
			});
			const base = Object.fromEntries([...keys, '@archived'].map((key) => [key, null]));
			await raw.save(row, { recordId: row.id, type, op: 'create', set: input, area: areaId, hlc, base, at });
			return [row];
		});
	},

	rawReadAll: async () => {
		const store = seeded().raw.database.transaction('records', 'readonly').objectStore('records');
		const start = performance.now();
		const rows = await request(store.getAll());
		return { ms: performance.now() - start, records: rows.length };
	},

	searchPlan: (type, text) => seeded().raw.searchPlan(type, text),
	statusCount: (type, status) => seeded().raw.statusCount(type, status),

	pending: async () => {
		const { db, raw } = seeded();
		const fellside = await db.outbox.count();
		const outbox = raw.database.transaction('outbox', 'readonly').objectStore('outbox');
		return { fellside, raw: await request(outbox.count()) };
	}
};

window.benchStore = api;
