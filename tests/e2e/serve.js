// Start the built server for the browser tests on 127.0.0.1 with a fresh demo database, removed
// when the server stops.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-e2e-'));
const port = process.env.PORT ?? '4317';
const child = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		HOST: '127.0.0.1',
		PORT: port,
		ORIGIN: `http://127.0.0.1:${port}`,
		DATABASE_URL: path.join(dir, 'fellside.db'),
		FELLSIDE_SEED: 'demo',
		FELLSIDE_SEED_SIZE: '200'
	}
});
const cleanup = () => rmSync(dir, { recursive: true, force: true });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
	cleanup();
	process.exit(code ?? 0);
});
