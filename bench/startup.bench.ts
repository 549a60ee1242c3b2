/**
 * Server start-up: spawn of the built server to its first healthy answer, against a bare node:http
 * server measured the same way in the same run. Run with `npm run bench:startup`.
 */
import { measureInterleaved, runCount, writeResults, type Sampler } from './lib/harness.js';
import { ensureBuilt, startBaseline, startFellside, tempDir, type RunningServer } from './lib/server.js';
import { join } from 'node:path';

// Generous for a 2-core shared box; the table shows whether it is met, nothing fails on it.
const COLD_START_TARGET_MS = 1500;

/** Time one start to healthy; stopping and clean-up are left out of the sample. */
function startOnce(start: () => Promise<RunningServer>): Sampler {
	return async () => {
		const server = await start();
		await server.stop();
		return server.readyMs;
	};
}

async function main(): Promise<void> {
	await ensureBuilt();

	// One database migrated up front and reused, for the restart figure.
	const dir = await tempDir();
	try {
		const migratedDb = join(dir.path, 'fellside.db');
		const first = await startFellside({ databaseUrl: migratedDb });
		await first.stop();
		const runs = runCount(7);
		console.log(`bench: first start (migrating) took ${first.readyMs.toFixed(0)} ms`);
		console.log(`bench: 1 warm-up + ${runs} runs each of baseline, cold start and restart, interleaved`);

		const m = await measureInterleaved(
			{
				baseline: startOnce(startBaseline),
				cold: startOnce(() => startFellside()),
				restart: startOnce(() => startFellside({ databaseUrl: migratedDb }))
			},
			{ warmup: 1, runs }
		);
		for (const [key, { samples }] of Object.entries(m)) {
			console.log(`  ${key.padEnd(8)} samples (ms): ${samples.map((s) => s.toFixed(0)).join(' ')}`);
		}

		await writeResults('startup', [
			{
				name: 'server cold start to healthy',
				unit: 'ms',
				value: m.cold.median,
				better: 'lower',
				baseline: m.baseline.median,
				target: COLD_START_TARGET_MS
			},
			{
				name: 'server restart to healthy',
				unit: 'ms',
				value: m.restart.median,
				better: 'lower',
				baseline: m.baseline.median
			},
			{ name: 'node:http baseline to healthy', unit: 'ms', value: m.baseline.median, better: 'lower' }
		]);
	} finally {
		await dir.remove();
	}
}

try {
	await main();
} catch (err) {
	console.error(`\nbench startup failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
}
