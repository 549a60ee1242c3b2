/**
 * Browser side of `npm run bench:store`, bundled by store.bench.ts with esbuild (iife) and loaded in
 * Chromium. Exposes `window.benchStore`: each operation once through the real device store
 * (DeviceDatabase, DeviceStore, RecordRepository) and once through plain IndexedDB (raw.mts), on two
 * databases of the same origin holding the same rows. Every operation times itself with
 * performance.now() and returns { ms, ids }, so the runner can check both sides return the same rows.
 *
 * (`.mts`, not `.ts`: bench/tsconfig.json type-checks every `.ts` under bench/ for Node, and this file
 * needs the DOM and the `$lib` alias; bench/store/tsconfig.json checks it instead.)
 */
import { z } from 'zod';
import { DeviceDatabase } from '$lib/client/store/database';
import { DeviceStore } from '$lib/client/store/device-store';
import { RecordRepository } from '$lib/client/store/repository';
import { generateDemo } from '$lib/demo/generate';
import type { RecordKind } from '$lib/domain/kinds';
import type { RecordEnvelope } from '$lib/domain/records';
import {
	BENCH_TYPES,
	PAGE_SIZE,
	type BenchStoreApi,
	type BenchType,
	type SeedResult,
	type Timed
} from './api.js';
import { deleteDatabase, openRawDatabase, RawStore, request, type RawRow } from './raw.mjs';

declare global {
	interface Window {
		benchStore: BenchStoreApi;
	}
}

type Data = Record<string, unknown>;

const FELLSIDE_DB = 'fellside-bench';
const RAW_DB = 'raw-bench';

/**
 * Title and detail of a demo record, read defensively from the envelope's data: what summarise() in
 * src/lib/domain/summary.ts gave (since removed from src), kept so the search text stays the same.
 */
function envelopeSummary(type: BenchType, d: Data): { title: string; detail: string } {
	const text = (v: unknown): string => (typeof v === 'string' ? v : '');
	const at = (v: unknown, key: string): unknown =>
		v && typeof v === 'object' ? (v as Data)[key] : undefined;
	const day = (v: unknown): string => text(v).slice(0, 10);
	const label = (v: unknown): string => {
		const words = text(v)
			.replace(/([a-z])([A-Z])/g, '$1 $2')
			.toLowerCase();
		return words.charAt(0).toUpperCase() + words.slice(1);
	};
	const join = (...parts: string[]): string => parts.filter(Boolean).join(' · ');
	switch (type) {
		case 'asset':
			return { title: text(d.name), detail: join(label(d.kind), text(at(d.location, 'town'))) };
		case 'visit':
			return {
				title: text(at(d.address, 'line1')) || 'Visit',
				detail: join(text(at(d.address, 'town')), day(d.scheduledFor))
			};
		case 'referral':
			return {
				title: text(at(d.person, 'name')) || 'Referral',
				detail: join(label(d.source), day(d.receivedOn))
			};
		case 'floodGroup':
			return {
				title: text(d.name),
				detail: join(text(d.town), Array.isArray(d.zones) ? `${d.zones.length} zones` : '')
			};
	}
}

/**
 * Stand-in record kinds for the four demo types, built from the record envelope alone: any object as
 * data, status from data.status, assignee from data.assignedTo ?? data.assignedCoach (as DeviceStore
 * stores downloads), title, detail and search text from envelopeSummary(). Only schema, status,
 * assignee and searchText matter to the figures. To measure the real kinds instead, return
 * kindOf(type) from $lib/domain/record-kinds here, once generateDemo() writes data in their schemas.
 */
export function benchKinds(): Record<BenchType, RecordKind<Data>> {
	const schema = z.record(z.string(), z.unknown());
	const kind = (type: BenchType): RecordKind<Data> => ({
		type,
		schema,
		statusLabels: {},
		status: (data) => (typeof data.status === 'string' ? data.status : ''),
		assignee: (data) => {
			const who = data.assignedTo ?? data.assignedCoach;
			return typeof who === 'string' ? who : undefined;
		},
		searchText: (data) => {
			const { title, detail } = envelopeSummary(type, data);
			return `${title} ${detail}`;
		},
		title: (data) => envelopeSummary(type, data).title,
		detail: (data) => envelopeSummary(type, data).detail,
		needsAttention: () => []
	});
	return {
		asset: kind('asset'),
		visit: kind('visit'),
		referral: kind('referral'),
		floodGroup: kind('floodGroup')
	};
}

interface Ready {
	db: DeviceDatabase;
	repos: Record<BenchType, RecordRepository<Data>>;
	raw: RawStore;
	/** One generated record per type: what a save writes (as a new record). */
	templates: Record<BenchType, RecordEnvelope>;
}

const kinds = benchKinds();
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

function describeSchema(db: IDBDatabase): string {
	const tx = db.transaction([...db.objectStoreNames], 'readonly');
	const stores = [...db.objectStoreNames].sort().map((name) => {
		const store = tx.objectStore(name);
		const indexes = [...store.indexNames].sort().map((i) => {
			const index = store.index(i);
			return `${i}=${JSON.stringify(index.keyPath)}${index.unique ? ' unique' : ''}${index.multiEntry ? ' multi' : ''}`;
		});
		return `${name}(${JSON.stringify(store.keyPath)}${store.autoIncrement ? ' auto' : ''}: ${indexes.join(', ')})`;
	});
	return stores.join(' ');
}

async function seed(n: number, pageSize = 5_000): Promise<SeedResult> {
	if (ready) {
		ready.db.close();
		ready.raw.database.close();
		ready = undefined;
	}
	await Promise.all([DeviceDatabase.delete(FELLSIDE_DB), deleteDatabase(RAW_DB)]);

	let start = performance.now();
	const { records } = generateDemo({ size: n });
	const generateMs = performance.now() - start;
	const pages = chunks(records, pageSize);
	const at = new Date().toISOString();
	const next = (i: number): string | null => (i < pages.length - 1 ? `page-${i + 1}` : null);

	const db = new DeviceDatabase(FELLSIDE_DB);
	await db.open();
	const store = new DeviceStore(db);
	start = performance.now();
	for (const [i, page] of pages.entries()) await store.storeDownloadedPage(page, next(i), at);
	const fellsideMs = performance.now() - start;

	// The raw database gets exactly the rows DeviceStore wrote, in the same pages.
	const stored = new Map((await db.records.toArray()).map((r) => [r.id, r as RawRow]));
	const rawPages = pages.map((page) =>
		page.map((r) => {
			const row = stored.get(r.id);
			if (!row) throw new Error(`record ${r.id} was not stored`);
			return row;
		})
	);
	const raw = new RawStore(await openRawDatabase(RAW_DB), (type, data) => kinds[type].searchText(data));
	start = performance.now();
	for (const [i, page] of rawPages.entries()) await raw.storePage(page, next(i), at);
	const rawMs = performance.now() - start;

	const fellsideSchema = describeSchema(db.backendDB());
	const rawSchema = describeSchema(raw.database);
	if (fellsideSchema !== rawSchema) {
		throw new Error(`raw database layout differs:\n  fellside ${fellsideSchema}\n  raw      ${rawSchema}`);
	}
	const counts = {} as Record<BenchType, number>;
	for (const type of BENCH_TYPES) {
		counts[type] = await db.records.where('type').equals(type).count();
		const index = raw.database.transaction('records', 'readonly').objectStore('records').index('type');
		const rawCount = await request(index.count(IDBKeyRange.only(type)));
		if (rawCount !== counts[type])
			throw new Error(`${type}: ${counts[type]} rows in Fellside, ${rawCount} raw`);
	}

	const template = (type: BenchType): RecordEnvelope => {
		const found = records.find((r) => r.type === type);
		if (!found) throw new Error(`no ${type} among the generated records`);
		return found;
	};
	ready = {
		db,
		raw,
		repos: {
			asset: new RecordRepository(db, kinds.asset),
			visit: new RecordRepository(db, kinds.visit),
			referral: new RecordRepository(db, kinds.referral),
			floodGroup: new RecordRepository(db, kinds.floodGroup)
		},
		templates: {
			asset: template('asset'),
			visit: template('visit'),
			referral: template('referral'),
			floodGroup: template('floodGroup')
		}
	};
	return { records: records.length, pageSize, generateMs, fellsideMs, rawMs, counts };
}

const api: BenchStoreApi = {
	seed,

	firstPage: (type) => timed(() => seeded().repos[type].list({ limit: PAGE_SIZE })),
	filtered: (type, status) => timed(() => seeded().repos[type].list({ status, limit: PAGE_SIZE })),
	search: (type, text) => timed(() => seeded().repos[type].list({ text, limit: PAGE_SIZE })),
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
		const kind = kinds[type];
		return timed(async () => {
			// The same row and outbox entry RecordRepository.create() builds.
			const at = new Date().toISOString();
			const row: RawRow = {
				id: crypto.randomUUID(),
				areaId,
				createdAt: at,
				updatedAt: at,
				type,
				data: input,
				status: kind.status(input)
			};
			const assignee = kind.assignee?.(input);
			if (assignee) row.assignee = assignee;
			await raw.save(row, { recordId: row.id, type, op: 'create', fields: input, at });
			return [row];
		});
	},

	pending: async () => {
		const { db, raw } = seeded();
		const fellside = await db.outbox.count();
		const outbox = raw.database.transaction('outbox', 'readonly').objectStore('outbox');
		return { fellside, raw: await request(outbox.count()) };
	}
};

window.benchStore = api;
