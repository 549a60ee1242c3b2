/**
 * Sync in a real browser, against the real built server: 10,000 demo records pulled into an empty
 * device and 10,000 new records pushed from one, by Fellside's sync engine on SQLite and on
 * PostgreSQL, beside PouchDB 9 replicating the same documents to express-pouchdb in the same run;
 * then a reconnect storm of 200 devices pushing at once. Run with `npm run bench:sync`; see
 * bench/README.md.
 */
import { DEMO_PASSWORD } from '../src/lib/demo/defaults.js';
import { join } from 'node:path';
import { bundle, chromiumPath, pageHtml } from './lib/browser.js';
import { launchCdpChromium, type CdpChromium, type CdpTab } from './lib/cdp.js';
import type { CpuRoot } from './lib/cpu.js';
import { runCount, writeResults, type Metric } from './lib/harness.js';
import { benchPostgres, type BenchPostgres } from './lib/postgres.js';
import {
	ensureBuilt,
	isStopping,
	startFellside,
	startNode,
	tempDir,
	type RunningServer
} from './lib/server.js';
import type { BenchSyncApi } from './sync/api.js';
import { replicate, replicationMetrics, type Side } from './sync/replicate.js';
import {
	describeStorm,
	runStorm,
	STORM_DEVICES,
	STORM_MUTATIONS,
	stormMetrics
} from './sync/storm-runner.js';

const RECORDS = 10_000;

/**
 * The two PouchDB baselines. The target is judged against pouchdb-server as it comes (LevelDB files
 * on disk) replicating with PouchDB's own settings: the baseline a user would otherwise pick, and a
 * server that keeps its data across a restart, as Fellside's does (though LevelDB does not wait for
 * the disk before acknowledging, where Fellside does). Beside it, PouchDB at its fastest: the
 * in-memory store, which keeps nothing across a restart, and the batch size that suits it best.
 */
interface PouchBaseline {
	key: string;
	storage: 'leveldb' | 'memory';
	/** Documents per replication batch: PouchDB's default is 100; 500 is its fastest here. */
	batch: number;
	label: string;
}
const POUCH_AS_INSTALLED: PouchBaseline = {
	key: 'pouch-leveldb',
	storage: 'leveldb',
	batch: 100,
	label: 'PouchDB 9 (IndexedDB) to express-pouchdb (LevelDB on disk), batch 100'
};
const POUCH_FASTEST: PouchBaseline = {
	key: 'pouch',
	storage: 'memory',
	batch: 500,
	label: 'PouchDB 9 (IndexedDB) to express-pouchdb (memory), batch 500'
};
/** The server database both PouchDB directions use. */
const POUCH_DB = 'records';
const RUNS = runCount(5);
/** Fellside is to be at least this many times as fast as PouchDB, in each direction. */
const TARGET_SPEEDUP = 3;
/**
 * BENCH_SYNC_LATENCY_MS: Chromium's network emulation adds this much to every request of every
 * side (a slow mobile connection, where round trips cost more than either server); 0, the default,
 * is this machine's loopback.
 */
const LATENCY_MS = Number(process.env.BENCH_SYNC_LATENCY_MS ?? 0);

/** Every request from this page takes LATENCY_MS longer to answer, when set. */
async function withLatency(page: CdpTab): Promise<CdpTab> {
	if (!Number.isFinite(LATENCY_MS) || LATENCY_MS < 0)
		throw new Error(
			`BENCH_SYNC_LATENCY_MS must be a number of milliseconds, got '${process.env.BENCH_SYNC_LATENCY_MS}'`
		);
	if (LATENCY_MS === 0) return page;
	// Emulation needs the Network domain on, which copies every request body to this process (see
	// bench/lib/cdp.ts): figures over a slow connection carry that cost, on every side alike.
	await page.send('Network.enable');
	await page.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: LATENCY_MS,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	return page;
}

/** `window.benchSync[name](...args)` in the tab. */
function call<K extends keyof BenchSyncApi>(
	page: CdpTab,
	name: K,
	...args: Parameters<BenchSyncApi[K]>
): Promise<Awaited<ReturnType<BenchSyncApi[K]>>> {
	// Sent as source text: a single arrow using nothing from this module.
	return page.evaluate(
		([n, a]) =>
			(globalThis as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>).benchSync?.[
				n
			]?.(...a),
		[name, args] as [string, unknown[]]
	) as Promise<Awaited<ReturnType<BenchSyncApi[K]>>>;
}

async function startPouchServer(baseline: PouchBaseline): Promise<RunningServer> {
	const dir = baseline.storage === 'leveldb' ? await tempDir() : undefined;
	return startNode(
		`pouchdb server (${baseline.storage})`,
		['--import', 'tsx', 'bench/sync/pouchdb-server.ts'],
		{ POUCH_STORAGE: baseline.storage, ...(dir ? { POUCH_DIR: dir.path } : {}) },
		dir?.remove
	);
}

/** A PouchDB baseline's page, on its server's origin. */
async function pouchSide(
	chromium: CdpChromium,
	html: string,
	server: RunningServer,
	baseline: PouchBaseline
): Promise<Side> {
	// Replication looks up checkpoints that do not exist yet: Chromium logs each 404 as an error.
	const page = await withLatency(
		await chromium.openPageOn(server.url, html, 'benchSync', {
			expectedConsole: /status of 404 \(Not Found\)/
		})
	);
	return {
		key: baseline.key,
		label: baseline.label,
		page,
		pull: () => call(page, 'pouchPull', POUCH_DB, baseline.batch),
		preparePush: () => call(page, 'pouchPrepareDevice'),
		push: () => call(page, 'pouchPush', POUCH_DB, baseline.batch)
	};
}

/** A demo of size 0 seeds the demo staff (to sign in as) and no records, so the servers start empty like PouchDB's. */
const SYNC_OPEN = { FELLSIDE_SEED: 'demo', FELLSIDE_SEED_SIZE: '0' };

/** The built Fellside server on one database, with the database's URL (for the storm's check). */
interface FellsideServer {
	label: string;
	server: RunningServer;
	databaseUrl: string;
}

/** The same page on a Fellside server's origin, as a sync benchmark side. */
async function fellsideSide(chromium: CdpChromium, html: string, fellside: FellsideServer): Promise<Side> {
	const page = await withLatency(await chromium.openPageOn(fellside.server.url, html, 'benchSync'));
	// Sync needs a signed-in member of staff: the demo administrator, who may see every record. Cookies
	// do not tell ports apart, so the servers' tabs share one session cookie on 127.0.0.1: each side
	// signs in again just before its turn, outside the time and the CPU figures (its password hash is
	// no part of syncing).
	const signIn = async () => {
		const status = await page.evaluate(
			async (password) =>
				(
					await fetch('/api/v1/auth/sign-in', {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ username: 'admin', password })
					})
				).status,
			DEMO_PASSWORD
		);
		if (status !== 200) throw new Error(`could not sign in to ${fellside.label}: HTTP ${status}`);
	};
	await call(page, 'prepare', RECORDS);
	return {
		key: `fellside-${fellside.label}`,
		label: `Fellside on ${fellside.label}`,
		page,
		pull: () => call(page, 'fellsidePull'),
		preparePush: () => call(page, 'fellsidePrepareDevice'),
		push: () => call(page, 'fellsidePush'),
		before: signIn
	};
}

/** The reconnect storm on each server, after the same devices pushing one at a time (the baseline). */
async function storms(fellsides: readonly FellsideServer[]): Promise<Metric[]> {
	console.log(
		`bench: reconnect storm, ${STORM_DEVICES} devices x ${STORM_MUTATIONS} mutations, on each server`
	);
	const metrics: Metric[] = [];
	for (const { label, server, databaseUrl } of fellsides) {
		const sequential = await runStorm(server, databaseUrl, 'sequential');
		console.log(describeStorm(label, 'sequential', sequential));
		const storm = await runStorm(server, databaseUrl, 'storm');
		console.log(describeStorm(label, 'storm', storm));
		metrics.push(...stormMetrics(label, storm, sequential));
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
	let chromium: CdpChromium | undefined;
	let postgres: BenchPostgres | undefined;
	const sqliteDir = await tempDir();
	try {
		postgres = await benchPostgres();
		const pgDatabase = await postgres.createDatabase('fellside_bench_sync');
		console.log(`bench: PostgreSQL: ${postgres.describe}`);
		const fellsides: FellsideServer[] = [];
		for (const [label, databaseUrl] of [
			['SQLite', join(sqliteDir.path, 'fellside.db')],
			['PostgreSQL', pgDatabase.url]
		] as const) {
			const server = await startFellside({ databaseUrl, env: SYNC_OPEN });
			servers.push(server);
			fellsides.push({ label, server, databaseUrl });
		}
		chromium = await launchCdpChromium();
		const pouches: Side[] = [];
		const pouchUrls: string[] = [];
		const cpuRoots: CpuRoot[] = fellsides.map(({ label, server }) => ({
			label: `Fellside server (${label})`,
			pid: server.pid
		}));
		for (const baseline of [POUCH_AS_INSTALLED, POUCH_FASTEST]) {
			const server = await startPouchServer(baseline);
			servers.push(server);
			cpuRoots.push({ label: `pouchdb-server (${baseline.storage})`, pid: server.pid });
			pouchUrls.push(`${server.url} (${baseline.storage})`);
			pouches.push(await pouchSide(chromium, html, server, baseline));
		}
		console.log(
			`bench: ${chromiumPath}; Fellside servers at ${fellsides.map((f) => `${f.server.url} (${f.label})`).join(', ')}; ` +
				`PouchDB servers at ${pouchUrls.join(', ')}`
		);
		if (LATENCY_MS > 0)
			console.log(`bench: every request takes ${LATENCY_MS} ms longer (BENCH_SYNC_LATENCY_MS)`);
		// Every tab generates the same records; the first says what they are.
		const [dataset] = await Promise.all(pouches.map((side) => call(side.page, 'prepare', RECORDS)));
		if (!dataset) throw new Error('no PouchDB side');
		const types = Object.entries(dataset.types)
			.map(([t, n]) => `${t} ${n}`)
			.join(', ');
		console.log(
			`bench: ${dataset.records} demo records (${types}); data ${dataset.meanDataBytes.toFixed(0)} bytes, ` +
				`whole record ${dataset.meanRecordBytes.toFixed(0)} bytes as JSON on average`
		);
		const sides = [...pouches];
		for (const fellside of fellsides) sides.push(await fellsideSide(chromium, html, fellside));

		const profile = process.env.BENCH_SYNC_PROFILE === '1';
		const replication = await replicate(sides, { records: RECORDS, runs: RUNS, profile, cpuRoots });
		const metrics = [
			...replicationMetrics(sides, pouches, replication, TARGET_SPEEDUP),
			...(await storms(fellsides))
		];
		// Figures over an emulated slow connection go to a file of their own, beside the loopback ones.
		await writeResults(LATENCY_MS > 0 ? `sync-latency-${LATENCY_MS}ms` : 'sync', metrics);
		console.log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		// Chromium first: it writes to the profile until it has exited.
		await chromium?.close();
		for (const server of servers) await server.stop();
		await postgres?.stop();
		await sqliteDir.remove();
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
