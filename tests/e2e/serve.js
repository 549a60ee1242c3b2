// Start the built server for the browser tests on 127.0.0.1 with a fresh demo database, removed
// when the server stops. A thin proxy in front can simulate a new deployment: after
// `POST /__test__/release`, /sw.js differs by a comment, exactly as a new build's worker would.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-e2e-'));
const port = Number(process.env.PORT ?? 4317);
const backendPort = port + 1;
const child = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(backendPort),
		ORIGIN: `http://127.0.0.1:${port}`,
		DATABASE_URL: path.join(dir, 'fellside.db'),
		FELLSIDE_SEED: 'demo',
		FELLSIDE_SEED_SIZE: '200'
	}
});

let release = 0;
const proxy = http.createServer((req, res) => {
	if (req.method === 'POST' && req.url === '/__test__/release') {
		res.end(String(++release));
		return;
	}
	const rewrite = req.url === '/sw.js' && release > 0;
	const headers = { ...req.headers };
	if (rewrite) delete headers['accept-encoding'];
	const upstream = http.request(
		{ host: '127.0.0.1', port: backendPort, path: req.url, method: req.method, headers },
		(up) => {
			if (!rewrite) {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
				return;
			}
			/** @type {Buffer[]} */
			const chunks = [];
			up.on('data', (chunk) => chunks.push(chunk));
			up.on('end', () => {
				const body = `${Buffer.concat(chunks).toString('utf8')}\n// release ${release}\n`;
				const { etag: _etag, 'content-length': _length, ...rest } = up.headers;
				res.writeHead(up.statusCode ?? 502, { ...rest, 'content-length': Buffer.byteLength(body) });
				res.end(body);
			});
		}
	);
	upstream.on('error', () => {
		res.writeHead(502);
		res.end();
	});
	req.pipe(upstream);
});
proxy.listen(port, '127.0.0.1');

const cleanup = () => rmSync(dir, { recursive: true, force: true });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		proxy.close();
		child.kill(signal);
	});
}
child.on('exit', (code) => {
	proxy.close();
	cleanup();
	process.exit(code ?? 0);
});
