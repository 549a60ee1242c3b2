/**
 * Sync in a real browser, against the real built server: 10,000 demo records pulled into an empty
 * device and 10,000 new records pushed from one, by Fellside's sync engine on SQLite and on
 * PostgreSQL, beside PouchDB 9 replicating the same documents to express-pouchdb in the same run;
 * then a reconnect storm of 200 devices pushing at once. Run with `npm run bench:sync`; see
 * bench/README.md.
 */
import type { Page } from '@playwright/test';
import {
	bundle,
	callIn,
	chromiumPath,
	launchChromium,
	openPageOn,
	pageHtml,
	type Chromium
} from './lib/browser.js';
import { measureInterleaved, runCount, writeResults, type Measurement, type Metric } from './lib/harness.js';
import { ensureBuilt, isStopping, startNode, type RunningServer } from './lib/server.js';
import type { BenchSyncApi, Replicated } from './sync/api.js';

const RECORDS = 10_000;
/** PouchDB's replication batch size: 500 is its fastest (the default, 100, is far slower). */
const POUCH_BATCH = 500;
/** The server database both PouchDB directions use. */
const POUCH_DB = 'records';
const RUNS = runCount(5);
/** Fellside is to be at least this many times as fast as PouchDB, in each direction. */
const TARGET_SPEEDUP = 3;

function call<K extends keyof BenchSyncApi>(
	page: Page,
	name: K,
	...args: Parameters<BenchSyncApi[K]>
): Promise<Awaited<ReturnType<BenchSyncApi[K]>>> {
	return callIn<BenchSyncApi, K>(page, 'benchSync', name, ...args);
}

/** One way of syncing a browser with a server: PouchDB, or Fellside on one database. */
interface Side {
	key: string;
	label: string;
	page: Page;
	pull: () => Promise<Replicated>;
	/** Push the records under the ids of `generation` (each push needs records new to the server). */
	push: (generation: number) => Promise<Replicated>;
}

/** Throws unless the replication moved every record; else its time in ms (measured in the page). */
async function checked(label: string, page: Page, run: () => Promise<Replicated>): Promise<number> {
	// Headless tabs are all "visible", but make sure the one working is the one in front.
	await page.bringToFront();
	const result = await run();
	if (result.records !== RECORDS) throw new Error(`${label}: ${result.records} records, expected ${RECORDS}`);
	return result.ms;
}

const rate = (ms: number): number => (RECORDS * 1000) / ms;

function logSamples(title: string, sides: readonly Side[], m: Record<string, Measurement>): void {
	console.log(`  ${title}`);
	const width = Math.max(...sides.map((s) => s.label.length));
	for (const side of sides) {
		const samples = m[side.key]?.samples.map((x) => x.toFixed(0)).join(' ') ?? '';
		console.log(`    ${side.label.padEnd(width)}  ms: ${samples}`);
	}
}

/**
 * Pulls, then pushes, every side taking its turn within each run, so load changes on this shared
 * machine hit them alike. Before them one untimed push per side (generation 0) fills each server with
 * the records the pulls then download, and warms everything up.
 */
async function replicate(
	sides: readonly Side[]
): Promise<{ pull: Record<string, Measurement>; push: Record<string, Measurement> }> {
	console.log(`bench: untimed first push of ${RECORDS} records on each side (what the pulls download)`);
	for (const side of sides) await checked(`${side.label} first push`, side.page, () => side.push(0));

	console.log(`bench: ${RUNS} runs of each, after 1 warm-up pull; sides interleaved`);
	const pull = await measureInterleaved(
		Object.fromEntries(sides.map((s) => [s.key, () => checked(`${s.label} pull`, s.page, s.pull)])),
		{ warmup: 1, runs: RUNS }
	);
	logSamples(`pull ${RECORDS} records into an empty device`, sides, pull);

	let generation = 0;
	const push = await measureInterleaved(
		Object.fromEntries(
			sides.map((s) => [s.key, () => checked(`${s.label} push`, s.page, () => s.push(++generation))])
		),
		{ warmup: 0, runs: RUNS }
	);
	logSamples(`push ${RECORDS} new records from a device`, sides, push);
	return { pull, push };
}

function startPouchServer(): Promise<RunningServer> {
	return startNode('pouchdb server', ['--import', 'tsx', 'bench/sync/pouchdb-server.ts']);
}

function replicationMetrics(
	sides: readonly Side[],
	baseline: Side,
	m: { pull: Record<string, Measurement>; push: Record<string, Measurement> }
): Metric[] {
	const metrics: Metric[] = [];
	for (const direction of ['pull', 'push'] as const) {
		const base = m[direction][baseline.key];
		if (!base) throw new Error(`no ${direction} figures for ${baseline.label}`);
		const baseRate = rate(base.median);
		const what =
			direction === 'pull' ? `pull ${RECORDS} into an empty device` : `push ${RECORDS} new records`;
		for (const side of sides) {
			const own = m[direction][side.key];
			if (!own) throw new Error(`no ${direction} figures for ${side.label}`);
			const metric: Metric = {
				name: `${what}, ${side.label}`,
				unit: 'records/s',
				value: rate(own.median),
				better: 'higher'
			};
			if (side !== baseline) {
				metric.baseline = baseRate;
				metric.target = baseRate * TARGET_SPEEDUP;
			}
			metrics.push(metric);
		}
	}
	return metrics;
}

async function main(): Promise<void> {
	const started = performance.now();
	await ensureBuilt();
	const script = await bundle('bench/sync/entry.mts');
	const html = pageHtml('bench:sync', script);
	console.log(`bench: bundled bench/sync/entry.mts (${(script.length / 1024).toFixed(0)} KiB)`);

	const servers: RunningServer[] = [];
	let chromium: Chromium | undefined;
	try {
		const pouchServer = await startPouchServer();
		servers.push(pouchServer);
		chromium = await launchChromium();
		console.log(`bench: ${chromiumPath}; PouchDB server at ${pouchServer.url}`);
		// Replication looks up checkpoints that do not exist yet: Chromium logs each 404 as an error.
		const pouchPage = await openPageOn(chromium.context, pouchServer.url, html, 'benchSync', {
			expectedConsole: /status of 404 \(Not Found\)/
		});

		const dataset = await call(pouchPage, 'prepare', RECORDS);
		const types = Object.entries(dataset.types)
			.map(([t, n]) => `${t} ${n}`)
			.join(', ');
		console.log(
			`bench: ${dataset.records} demo records (${types}); data ${dataset.meanDataBytes.toFixed(0)} bytes, ` +
				`whole record ${dataset.meanRecordBytes.toFixed(0)} bytes as JSON on average`
		);
		const pouch: Side = {
			key: 'pouch',
			label: `PouchDB 9 (IndexedDB) to express-pouchdb (memory), batch ${POUCH_BATCH}`,
			page: pouchPage,
			pull: () => call(pouchPage, 'pouchPull', POUCH_DB, POUCH_BATCH),
			push: (generation) => call(pouchPage, 'pouchPush', POUCH_DB, POUCH_BATCH, generation)
		};
		const sides = [pouch];
		const m = await replicate(sides);
		const metrics = replicationMetrics(sides, pouch, m);
		await writeResults('sync', metrics);
		console.log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		// Chromium first: it writes to the profile until it has exited.
		await chromium?.close();
		for (const server of servers) await server.stop();
	}
}

try {
	await main();
} catch (err) {
	// After a signal, main() fails because Chromium went away; that is not worth reporting.
	if (!isStopping()) {
		console.error(`\nbench sync failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	}
}
