// Small helpers shared by the project scripts (plain Node: they run before dependencies exist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspSources, readMapSources } from '../src/lib/domain/map/sources.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Run a command in the project root, streaming its output; returns its exit status. */
export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
	if (result.error) {
		console.error(`Could not run ${command}: ${result.error.message}`);
		return 1;
	}
	return result.status ?? 1;
}

/** Install dependencies with `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
	const marker = path.join(root, 'node_modules', '.package-lock.json');
	const lock = path.join(root, 'package-lock.json');
	if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
	console.log('Installing dependencies (npm ci)…');
	const status = run('npm', ['ci', '--no-audit', '--no-fund']);
	if (status !== 0) {
		console.error('npm ci failed: see the messages above.');
		process.exit(status);
	}
}

/** The newest modification time of any file under the given paths. */
export function newestMtime(paths) {
	let newest = 0;
	const visit = (p) => {
		if (!existsSync(p)) return;
		const stat = statSync(p);
		if (stat.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
		else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const p of paths) visit(path.join(root, p));
	return newest;
}

const BUILD_INPUTS = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'tsconfig.json'
];

/**
 * Whether the build's pages allow the map origins this environment names (their CSP is fixed at
 * build time; vite.config.ts records it). A mistaken setting counts as built: the server names it.
 */
function builtForMapSettings() {
	let wanted;
	try {
		wanted = JSON.stringify(cspSources(readMapSources(process.env)));
	} catch {
		return true;
	}
	const stamp = path.join(root, '.svelte-kit', 'map-csp.json');
	return existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted;
}

/** Build the app unless build/ is newer than every source file and made for these map settings. */
export function ensureBuild() {
	const output = path.join(root, 'build', 'index.js');
	if (existsSync(output) && statSync(output).mtimeMs > newestMtime(BUILD_INPUTS) && builtForMapSettings())
		return 0;
	console.log('Building Fellside…');
	return run('npm', ['run', 'build', '--silent']);
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export async function waitForHealth(url, child, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) return false;
		try {
			const response = await fetch(url);
			if (response.ok) return true;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}
