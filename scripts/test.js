#!/usr/bin/env node
// `npm test`: every check, in order, with one closing line `N passed, N failed` over all runners.
// Installs what it needs (dependencies, Chromium, PostgreSQL) or says exactly what to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDependencies, isRoot, root, run } from './lib.js';
import { ensurePostgres, startPostgres } from './postgres.js';
import { mapTestEnv } from '../tests/e2e/support/map-env.js';

const results = [];
const record = (name, passed, failed, note = '') => {
	results.push({ name, passed, failed, note });
	console.log(`\n── ${name}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`);
};
const check = (name, command, args, env = {}) => {
	console.log(`\n── ${name}: ${[command, ...args].join(' ')}`);
	const status = run(command, args, { env: { ...process.env, ...env } });
	record(name, status === 0 ? 1 : 0, status === 0 ? 0 : 1);
	return status === 0;
};

function ensureChromium() {
	const configured = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (existsSync(configured)) return configured;
	if (!isRoot()) {
		throw new Error(
			'Chromium is not installed. Run: sudo apt-get update && sudo apt-get install -y chromium'
		);
	}
	console.log('Installing Chromium (apt-get install chromium)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const result = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
	if (result.status !== 0 || !existsSync(configured))
		throw new Error('Installing Chromium with apt-get failed (see above).');
	return configured;
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

ensureDependencies();
const tmp = path.join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

let chromium = null;
let postgres = null;
try {
	chromium = ensureChromium();
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	record('chromium available', 0, 1);
}
try {
	postgres = await startPostgres(ensurePostgres());
	console.log(`PostgreSQL for the tests: ${postgres.url}`);
} catch (error) {
	console.error(String(error instanceof Error ? error.message : error));
	record('postgresql available', 0, 1);
}
const stopPostgres = () => postgres?.stop();
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopPostgres();
		process.exit(130);
	});
}

try {
	run('npx', ['svelte-kit', 'sync']);
	check('types (svelte-check)', 'npx', [
		'svelte-check',
		'--tsconfig',
		'./tsconfig.json',
		'--fail-on-warnings'
	]);
	check('types (benchmarks)', 'npx', ['tsc', '-p', 'bench']);
	check('types (store benchmark, browser side)', 'npx', ['tsc', '-p', 'bench/store']);
	check('types (sync benchmark, browser side)', 'npx', ['tsc', '-p', 'bench/sync']);
	check('types (audit benchmark)', 'npx', ['tsc', '-p', 'bench/audit']);
	check('format (prettier)', 'npx', ['prettier', '--check', '.']);
	check('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']);

	const vitestJson = path.join(tmp, 'vitest.json');
	console.log('\n── unit and server tests (vitest, SQLite and PostgreSQL)');
	run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], {
		env: { ...process.env, FELLSIDE_TEST_PG_URL: postgres?.url ?? '' }
	});
	const unit = readJson(vitestJson);
	if (unit)
		record(
			'unit and server tests',
			unit.numPassedTests,
			unit.numFailedTests + (unit.numFailedTestSuites ?? 0),
			`${unit.numPendingTests} skipped`
		);
	else record('unit and server tests', 0, 1, 'vitest wrote no results');

	// The browser tests serve map tiles and flood warnings from servers of their own; the pages'
	// Content-Security-Policy is fixed at build time, so the build and the server name those origins.
	const e2eMap = mapTestEnv();
	if (check('build', 'npm', ['run', 'build', '--silent'], e2eMap) && chromium) {
		const e2eJson = path.join(tmp, 'playwright.json');
		console.log('\n── end-to-end tests (Playwright, Chromium)');
		run('npx', ['playwright', 'test'], {
			env: {
				...process.env,
				...e2eMap,
				// The crash tests run the built server on PostgreSQL too.
				FELLSIDE_TEST_PG_URL: postgres?.url ?? '',
				CHROMIUM_PATH: chromium,
				PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
				PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1'
			}
		});
		const e2e = readJson(e2eJson);
		if (e2e?.stats) {
			const { expected, unexpected, flaky, skipped } = e2e.stats;
			record(
				'end-to-end tests',
				expected + flaky,
				unexpected + (e2e.errors?.length ?? 0),
				`${flaky} flaky, ${skipped} skipped`
			);
		} else record('end-to-end tests', 0, 1, 'playwright wrote no results');
	}
} finally {
	stopPostgres();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results)
	console.log(
		`  ${r.failed ? '✗' : '✓'} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`
	);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
