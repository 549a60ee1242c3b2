// A throw-away PostgreSQL cluster for the test run: found or installed, started on 127.0.0.1 on a
// free port as the `postgres` user, and removed afterwards.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isRoot } from './lib.js';

function findBinDir() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return null;
	const versions = readdirSync(base)
		.filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** Find PostgreSQL's binaries, installing Debian's package when we are root. */
export function ensurePostgres() {
	let bin = findBinDir();
	if (bin) return bin;
	if (!isRoot()) {
		throw new Error(
			'PostgreSQL is not installed. Run: sudo apt-get update && sudo apt-get install -y postgresql'
		);
	}
	console.log('Installing PostgreSQL (apt-get install postgresql)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const result = spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
	bin = findBinDir();
	if (result.status !== 0 || !bin) throw new Error('Installing PostgreSQL with apt-get failed (see above).');
	return bin;
}

/** PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user. */
function runAs(command, args) {
	const result = isRoot()
		? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(quote).join(' ')], {
				encoding: 'utf8'
			})
		: spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${path.basename(command)} failed: ${(result.stderr || result.stdout || '').trim()}`);
	}
}

const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

export async function startPostgres(bin) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-pg-'));
	chmodSync(dir, 0o777);
	if (isRoot()) spawnSync('chown', ['postgres:postgres', dir]);
	const port = await freePort();
	const data = path.join(dir, 'data');
	// Checksums and default fsync/synchronous_commit: the tests exercise the durable configuration.
	runAs(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-locale',
		'--data-checksums'
	]);
	runAs(path.join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'log'),
		'-o',
		`-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`,
		'-w',
		'start'
	]);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			runAs(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
		} catch (error) {
			console.error(String(error));
		}
		rmSync(dir, { recursive: true, force: true });
	};
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
