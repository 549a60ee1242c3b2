#!/usr/bin/env node
// `npm start`: install what is missing, build, then serve. The server itself migrates the database
// and seeds the demo data on first run (see src/lib/server/runtime.ts).
import { spawn } from 'node:child_process';
import { ensureBuild, ensureDependencies, root, waitForHealth } from './lib.js';

ensureDependencies();
if (ensureBuild() !== 0) {
	console.error('The build failed: see the messages above.');
	process.exit(1);
}

const port = process.env.PORT || '3000';
const env = {
	...process.env,
	PORT: port,
	// Only this computer by default; set HOST=0.0.0.0 to try Fellside from a phone on the same network.
	HOST: process.env.HOST || '127.0.0.1',
	ORIGIN: process.env.ORIGIN || `http://localhost:${port}`,
	FELLSIDE_SEED: process.env.FELLSIDE_SEED || 'demo',
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '4M'
};

const child = spawn(process.execPath, ['build'], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
if (await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, child)) {
	console.log(`\nFellside is running at http://${host}:${port}  (Ctrl+C to stop)`);
}
