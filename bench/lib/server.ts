import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Repository root (bench/lib/ is two levels down). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const HOST = '127.0.0.1';
const HEALTH_PATH = '/api/v1/health';
const POLL_MS = 10;
const TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const TAIL_CHARS = 8_000;

export interface RunningServer {
	/** e.g. http://127.0.0.1:43123 */
	url: string;
	port: number;
	/** ms from just before spawn to the first healthy answer. */
	readyMs: number;
	/** The server's process id (for `bench/lib/cpu.ts`). */
	pid: number;
	/** Kill the process (SIGTERM, then SIGKILL after 5 s) and remove its temp dir, if any. */
	stop: () => Promise<void>;
}

export interface FellsideOptions {
	/** SQLite file to use; default a new file in a fresh temp dir, removed on stop(). */
	databaseUrl?: string;
	/** Extra environment for the server. */
	env?: Record<string, string>;
}

// Everything still running or on disk, undone synchronously on exit or Ctrl-C so nothing is left behind.
const leftovers = new Set<() => void>();
// What must be closed in order, asynchronously, before that (Chromium before its profile is removed).
const stoppers = new Set<() => Promise<void>>();
let hooksInstalled = false;
let stopping = false;

/** Whether a signal is stopping the benchmark (so a failure that follows is not worth reporting). */
export function isStopping(): boolean {
	return stopping;
}

function cleanUpNow(): void {
	for (const undo of leftovers) {
		try {
			undo();
		} catch {
			// Best effort: we are exiting anyway.
		}
	}
	leftovers.clear();
}

/** Give up on an async stopper that hangs: exit anyway, the sync clean-up still runs. */
const STOPPERS_GRACE_MS = 15_000;

function installHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', cleanUpNow);
	// `on`, not `once`: Ctrl-C under `npm run` reaches this process twice (from the terminal and
	// relayed by tsx), and a second SIGINT with no listener would kill it before Chromium is closed.
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129]
	] as const) {
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			console.error(`\nbench: ${signal}, stopping browsers and servers`);
			setTimeout(() => process.exit(code), STOPPERS_GRACE_MS).unref();
			void Promise.allSettled([...stoppers].map((stop) => stop())).finally(() => process.exit(code));
		});
	}
}

/**
 * Run `stop` (asynchronously, before the synchronous clean-up) if a signal ends the benchmark.
 * Returns a function that forgets it, for when the caller has stopped the thing itself.
 */
export function onStop(stop: () => Promise<void>): () => void {
	installHooks();
	stoppers.add(stop);
	return () => void stoppers.delete(stop);
}

/** Run `undo` synchronously when the process exits, however it exits. Returns a function that forgets it. */
export function atExit(undo: () => void): () => void {
	installHooks();
	leftovers.add(undo);
	return () => void leftovers.delete(undo);
}

export interface TempDir {
	path: string;
	remove: () => Promise<void>;
}

/** A fresh temp dir, removed by remove() or, failing that, when the process exits. */
export async function tempDir(prefix = 'fellside-bench-'): Promise<TempDir> {
	installHooks();
	const path = await mkdtemp(join(os.tmpdir(), prefix));
	const undo = (): void => rmSync(path, { recursive: true, force: true });
	leftovers.add(undo);
	return {
		path,
		remove: async () => {
			leftovers.delete(undo);
			await rm(path, { recursive: true, force: true });
		}
	};
}

/** A port that was free a moment ago on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
		});
	});
}

const BUILD_ENTRY = join(ROOT, 'build', 'index.js');

// The tree is shared: a build someone else started empties build/ for a while, and a second build
// on top of it would clash. Signs of one under way: build/ without its entry, or fresh vite output.
async function waitForBuildInProgress(): Promise<void> {
	const output = join(ROOT, '.svelte-kit', 'output');
	const recent = existsSync(output) && Date.now() - statSync(output).mtimeMs < 120_000;
	if (!existsSync(join(ROOT, 'build')) && !recent) return;
	console.log('bench: build/ is incomplete, waiting up to 2 min for a build in progress');
	const deadline = Date.now() + 120_000;
	while (!existsSync(BUILD_ENTRY) && Date.now() < deadline) await sleep(500);
	// The adapter writes the entry near the end; let it finish the rest.
	if (existsSync(BUILD_ENTRY)) await sleep(2_000);
}

/** If build/index.js is missing (fresh clone), run `npm run build` first. */
export async function ensureBuilt(): Promise<void> {
	if (existsSync(BUILD_ENTRY)) return;
	await waitForBuildInProgress();
	if (existsSync(BUILD_ENTRY)) return;
	console.log('bench: build/index.js not found, running `npm run build` first');
	await new Promise<void>((resolve, reject) => {
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const child = spawn(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`npm run build failed (${signal ?? `exit ${code}`})`))
		);
	});
	if (!existsSync(BUILD_ENTRY)) {
		throw new Error('npm run build did not write build/index.js');
	}
}

interface Probe {
	healthy: boolean;
	detail: string;
}

// No keep-alive agent: every poll is a fresh connection, as a load balancer's health check would be.
function probeHealth(url: string, timeoutMs: number): Promise<Probe> {
	return new Promise((resolve) => {
		const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('error', (err) => resolve({ healthy: false, detail: err.message }));
			res.on('end', () => {
				const detail = `HTTP ${res.statusCode}: ${body.slice(0, 200)}`;
				if (res.statusCode !== 200) return resolve({ healthy: false, detail });
				try {
					const json: unknown = JSON.parse(body);
					const ok = typeof json === 'object' && json !== null && 'status' in json && json.status === 'ok';
					resolve({ healthy: ok, detail });
				} catch {
					resolve({ healthy: false, detail: `${detail} (not JSON)` });
				}
			});
		});
		req.on('timeout', () => req.destroy(new Error('no answer in time')));
		req.on('error', (err) => resolve({ healthy: false, detail: err.message }));
	});
}

function tail(text: string): string {
	return text.length > TAIL_CHARS ? `...${text.slice(-TAIL_CHARS)}` : text;
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

/**
 * Spawn `node <args>` in the repo root with HOST, PORT and ORIGIN set for a free port on 127.0.0.1,
 * then poll GET /api/v1/health every 10 ms until it answers 200 with JSON { status: 'ok' }.
 * Throws (with the child's stderr) if it exits first or is not healthy within 30 s; stops it then.
 * `cleanup` runs after the process has stopped, on success or failure.
 */
export async function startNode(
	label: string,
	args: string[],
	env: Record<string, string> = {},
	cleanup?: () => Promise<void>
): Promise<RunningServer> {
	installHooks();
	let port: number;
	try {
		port = await freePort();
	} catch (err) {
		await cleanup?.();
		throw err;
	}
	const url = `http://${HOST}:${port}`;
	let stdout = '';
	let stderr = '';
	const start = performance.now();
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: { ...process.env, ...env, HOST, PORT: String(port), ORIGIN: url },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const undo = (): void => void child.kill('SIGKILL');
	leftovers.add(undo);
	// Drain both pipes so a chatty server never blocks on a full pipe.
	child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout = tail(stdout + s)));
	child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = tail(stderr + s)));
	let spawnError: Error | undefined;
	child.once('error', (err) => (spawnError = err));

	const stop = async (): Promise<void> => {
		try {
			await stopChild(child);
		} finally {
			leftovers.delete(undo);
			await cleanup?.();
		}
	};

	try {
		const deadline = start + TIMEOUT_MS;
		let last = 'no answer yet';
		for (;;) {
			if (spawnError) throw spawnError;
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`${label} exited before healthy (${child.signalCode ?? `exit ${child.exitCode}`})`);
			}
			const remaining = deadline - performance.now();
			if (remaining <= 0) {
				throw new Error(`${label} not healthy after ${TIMEOUT_MS / 1000} s (last: ${last})`);
			}
			const probe = await probeHealth(`${url}${HEALTH_PATH}`, remaining);
			if (probe.healthy) return { url, port, readyMs: performance.now() - start, pid: child.pid ?? -1, stop };
			last = probe.detail;
			await sleep(POLL_MS);
		}
	} catch (err) {
		await stop();
		const message = err instanceof Error ? err.message : String(err);
		const output = [
			stderr && `--- ${label} stderr ---\n${stderr}`,
			stdout && `--- ${label} stdout ---\n${stdout}`
		]
			.filter(Boolean)
			.join('\n');
		throw new Error(`${message}\n${output || `(${label} printed nothing)`}`, { cause: err });
	}
}

/** Start the built Fellside server (`node build`) per its contract and wait until healthy. */
export async function startFellside(options: FellsideOptions = {}): Promise<RunningServer> {
	let databaseUrl = options.databaseUrl;
	let cleanup: (() => Promise<void>) | undefined;
	if (databaseUrl === undefined) {
		const dir = await tempDir();
		databaseUrl = join(dir.path, 'fellside.db');
		cleanup = dir.remove;
	}
	// No demo data unless the caller asks for it.
	const env = { FELLSIDE_SEED: 'none', ...options.env, DATABASE_URL: databaseUrl };
	return startNode('fellside server', ['build'], env, cleanup);
}

// Smallest possible HTTP server answering the same health check: the cost of starting Node at all.
const BASELINE_SOURCE = `
const http = require('node:http');
http.createServer((req, res) => {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end('{"status":"ok"}');
}).listen(Number(process.env.PORT), process.env.HOST);
`;

/** A minimal node:http server in a child process (`node -e`), for baselines. */
export function startBaseline(): Promise<RunningServer> {
	return startNode('baseline node:http server', ['-e', BASELINE_SOURCE]);
}
