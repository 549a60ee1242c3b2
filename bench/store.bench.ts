/**
 * The device store in a real browser: 50,000 demo records in IndexedDB (Chromium via Playwright),
 * list pages, a filtered list, a text search and a save through DeviceDatabase + RecordRepository,
 * each beside the same work done with plain IndexedDB in the same page. Run with
 * `npm run bench:store`; see bench/README.md.
 */
import type { Page } from '@playwright/test';
import {
	bundle,
	callIn,
	chromiumPath,
	launchChromium,
	openPage,
	pageHtml,
	servePage,
	type Chromium,
	type StaticServer
} from './lib/browser.js';
import { measureInterleaved, runCount, writeResults, type Measurement, type Metric } from './lib/harness.js';
import { isStopping } from './lib/server.js';
import {
	BENCH_TYPES,
	PAGE_SIZE,
	STORED_TYPES,
	type BenchStoreApi,
	type BenchType,
	type Timed
} from './store/api.js';

const RECORDS = 50_000;
const SEED_PAGE = 5_000;
const WARMUP = 2;
const RUNS = runCount(15);
// Each build opens every record: a few runs are enough to see its spread.
const BUILD_RUNS = Math.min(RUNS, 3);

// The largest visit status (about 38% of visits).
const FILTER = { type: 'visit', status: 'completed' } as const;

interface Search {
	/** Metric name. */
	name: string;
	type: BenchType;
	text: string;
	/** Whether it must find something (true) or nothing (false); checked on both sides. */
	finds: boolean;
}

// Search reads the records holding the rarest typed word, so its cost follows that word's range.
const SEARCHES: readonly Search[] = [
	// As a person types it: a town and a kind of place. Reads the town's assets (~320), ~30 match.
	{ name: "text search (assets, 'keswick hall')", type: 'asset', text: 'keswick hall', finds: true },
	// One rare word (a street name on ~16 assets): reads just those.
	{ name: "text search (assets, rare word 'rattlebeck')", type: 'asset', text: 'rattlebeck', finds: true },
	// A typo: no word starts so, so the rarest range is empty and nothing is read.
	{ name: "text search (assets, typo 'keswik', none)", type: 'asset', text: 'keswik', finds: false }
];

// A new asset with the data of a generated one (schema-valid: create() checks it).
const SAVE_TYPE: BenchType = 'asset';

// Targets from the issue, on a 2-core machine. Each is also to be within 2x the raw IndexedDB
// figure (the `ratio` column); the JSON has one target field, so that one is in the README.
const TARGET_LIST_MS = 50;
const TARGET_SEARCH_MS = 200;
const TARGET_SAVE_MS = 10;

/** Call window.benchStore[name](...args) in the page. */
function call<K extends keyof BenchStoreApi>(
	page: Page,
	name: K,
	...args: Parameters<BenchStoreApi[K]>
): Promise<Awaited<ReturnType<BenchStoreApi[K]>>> {
	return callIn<BenchStoreApi, K>(page, 'benchStore', name, ...args);
}

interface Pair {
	fellside: Measurement;
	raw: Measurement;
	/** Rows the operation returned (the same on both sides and in every run, or it throws). */
	rows: number;
}

/**
 * One operation, Fellside and raw IndexedDB taking turns (warm-up 2, then RUNS each). Each sample is
 * the time measured inside the page. With `sameRows`, every call on both sides must return the same ids.
 */
async function pair(
	label: string,
	fellside: () => Promise<Timed>,
	raw: () => Promise<Timed>,
	sameRows = true
): Promise<Pair> {
	const ids: string[] = [];
	const sampler = (side: string, op: () => Promise<Timed>) => async (): Promise<number> => {
		const result = await op();
		const got = JSON.stringify(result.ids);
		ids[0] ??= got;
		if (sameRows && got !== ids[0]) {
			throw new Error(
				`${label}: ${side} returned different rows (${got.slice(0, 120)} vs ${ids[0].slice(0, 120)})`
			);
		}
		if (!sameRows && result.ids.length !== 1)
			throw new Error(`${label}: ${side} wrote ${result.ids.length} rows`);
		return result.ms;
	};
	const m = await measureInterleaved(
		{ fellside: sampler('Fellside', fellside), raw: sampler('raw IndexedDB', raw) },
		{ warmup: WARMUP, runs: RUNS }
	);
	const rows = (JSON.parse(ids[0] ?? '[]') as string[]).length;
	const fmt = (s: Measurement) => s.samples.map((x) => x.toFixed(1)).join(' ');
	console.log(`  ${label} (${rows} row${rows === 1 ? '' : 's'})`);
	console.log(`    fellside ms: ${fmt(m.fellside)}`);
	console.log(`    raw      ms: ${fmt(m.raw)}`);
	return { ...m, rows };
}

function metric(name: string, p: Pair, target?: number): Metric {
	const m: Metric = { name, unit: 'ms', value: p.fellside.median, better: 'lower', baseline: p.raw.median };
	if (target !== undefined) m.target = target;
	return m;
}

async function run(page: Page): Promise<Metric[]> {
	console.log(`bench: seeding ${RECORDS} records in pages of ${SEED_PAGE} (both databases)`);
	const seed = await call(page, 'seed', RECORDS, SEED_PAGE);
	const counts = STORED_TYPES.map((t) => `${t} ${seed.counts[t]}`).join(', ');
	console.log(
		`bench: generated in ${seed.generateMs.toFixed(0)} ms; stored in ${seed.fellsideMs.toFixed(0)} ms ` +
			`(raw IndexedDB ${seed.rawMs.toFixed(0)} ms): ${counts}; ${seed.wordEntries} word index entries; ` +
			`both databases hold the same rows`
	);
	console.log(`bench: ${WARMUP} warm-up + ${RUNS} runs of each, Fellside and raw IndexedDB interleaved`);

	const metrics: Metric[] = [
		{
			name: `seed ${RECORDS} records (${RECORDS / SEED_PAGE} pulled pages)`,
			unit: 'ms',
			value: seed.fellsideMs,
			better: 'lower',
			baseline: seed.rawMs
		}
	];
	for (const type of BENCH_TYPES) {
		const p = await pair(
			`first page (${type})`,
			() => call(page, 'firstPage', type),
			() => call(page, 'rawFirstPage', type)
		);
		if (p.rows !== PAGE_SIZE) throw new Error(`first page (${type}) returned ${p.rows} rows`);
		metrics.push(metric(`first page (${type})`, p, TARGET_LIST_MS));
	}

	const inStatus = await call(page, 'statusCount', FILTER.type, FILTER.status);
	const filtered = await pair(
		`filtered list (${FILTER.type} status ${FILTER.status}, ${inStatus} in range)`,
		() => call(page, 'filtered', FILTER.type, FILTER.status),
		() => call(page, 'rawFiltered', FILTER.type, FILTER.status)
	);
	if (filtered.rows !== PAGE_SIZE) throw new Error(`filtered list returned ${filtered.rows} rows`);
	metrics.push(metric('filtered list (visits by status)', filtered, TARGET_LIST_MS));

	// The search index, as after unlock: built for every type, beside reading every row raw.
	const build = await measureInterleaved(
		{
			fellside: async () => (await call(page, 'buildSearchIndex')).ms,
			raw: async () => (await call(page, 'rawReadAll')).ms
		},
		{ warmup: 0, runs: BUILD_RUNS }
	);
	const fmt = (m: Measurement) => m.samples.map((x) => x.toFixed(0)).join(' ');
	console.log(`  search index build after unlock (all ${RECORDS} records)`);
	console.log(`    fellside ms: ${fmt(build.fellside)}`);
	console.log(`    raw getAll ms: ${fmt(build.raw)}`);
	metrics.push({
		name: `search index build after unlock (${RECORDS} records, background)`,
		unit: 'ms',
		value: build.fellside.median,
		better: 'lower',
		baseline: build.raw.median
	});

	// Right after unlock, before the background build has reached the type: the search builds it first.
	const first = SEARCHES[0];
	if (first) {
		const p = await pair(
			`${first.name} right after unlock, index not built`,
			() => call(page, 'searchAfterUnlock', first.type, first.text),
			() => call(page, 'rawSearch', first.type, first.text)
		);
		metrics.push(metric(`${first.name}, index not built yet`, p, TARGET_SEARCH_MS));
	}

	// The searches below run with the index built (the one above builds the asset type again).
	for (const search of SEARCHES) {
		const plan = await call(page, 'searchPlan', search.type, search.text);
		const ranges = plan.words.map((w) => `${w.word} ${w.entries}`).join(', ');
		const p = await pair(
			`${search.name}: index entries ${ranges}; reads ${plan.reads} records`,
			() => call(page, 'search', search.type, search.text),
			() => call(page, 'rawSearch', search.type, search.text)
		);
		if (search.finds !== p.rows > 0) {
			throw new Error(`${search.name} found ${p.rows} rows, expected ${search.finds ? 'some' : 'none'}`);
		}
		metrics.push(metric(search.name, p, TARGET_SEARCH_MS));
	}

	// Last, so the new records cannot change what the reads above return.
	const save = await pair(
		`save (${SAVE_TYPE} record + outbox)`,
		() => call(page, 'save', SAVE_TYPE),
		() => call(page, 'rawSave', SAVE_TYPE),
		false
	);
	const pending = await call(page, 'pending');
	const saves = WARMUP + RUNS;
	if (pending.fellside !== saves || pending.raw !== saves) {
		throw new Error(`expected ${saves} outbox rows on each side, got ${JSON.stringify(pending)}`);
	}
	metrics.push(metric('save (record + outbox)', save, TARGET_SAVE_MS));
	return metrics;
}

async function main(): Promise<void> {
	const started = performance.now();
	const script = await bundle('bench/store/entry.mts');
	console.log(`bench: bundled bench/store/entry.mts (${(script.length / 1024).toFixed(0)} KiB)`);

	let server: StaticServer | undefined;
	let chromium: Chromium | undefined;
	try {
		server = await servePage(pageHtml('bench:store', script));
		chromium = await launchChromium();
		const page = await openPage(chromium.context, server.url, 'benchStore');
		const isolated = await page.evaluate(
			() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated
		);
		console.log(
			`bench: ${chromiumPath} at ${server.url}${isolated ? '' : ' (not cross-origin isolated: 100 us timer)'}`
		);

		const metrics = await run(page);
		await writeResults('store', metrics);
		console.log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		// Chromium first: it writes to the profile until it has exited.
		await chromium?.close();
		await server?.close();
	}
}

try {
	await main();
} catch (err) {
	// After a signal, main() fails because Chromium went away; that is not worth reporting.
	if (!isStopping()) {
		console.error(`\nbench store failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	}
}
