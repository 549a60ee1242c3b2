// The map settings the browser tests build and serve Fellside with: tiles and flood warnings from
// servers the tests start on 127.0.0.1, next to the app's own ports (E2E_PORT, E2E_PORT + 1).
// The page's Content-Security-Policy is fixed at build time, so build with the same settings:
//   node tests/e2e/support/map-env.js npm run build
//   E2E_PORT=4717 node tests/e2e/support/map-env.js npx playwright test tests/e2e/tiles.spec.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** @param {number} [e2ePort] */
export function mapTestPorts(e2ePort = Number(process.env.E2E_PORT ?? 4317)) {
	return { tiles: e2ePort + 2, agency: e2ePort + 3 };
}

/** @param {number} [e2ePort] */
export function mapTestEnv(e2ePort) {
	const ports = mapTestPorts(e2ePort);
	return {
		FELLSIDE_TILE_URL: `http://127.0.0.1:${ports.tiles}/tiles/{z}/{x}/{y}.png`,
		FELLSIDE_TILE_ATTRIBUTION: 'Test tiles drawn by Fellside’s browser tests',
		FELLSIDE_TILE_ATTRIBUTION_URL: '',
		FELLSIDE_TILE_MAX_ZOOM: '18',
		FELLSIDE_TILE_OFFLINE_SAVING: 'allowed',
		FELLSIDE_FLOOD_WARNINGS: 'on',
		FELLSIDE_FLOOD_WARNINGS_URL: `http://127.0.0.1:${ports.agency}/flood-monitoring`
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [command, ...args] = process.argv.slice(2);
	if (!command) {
		for (const [name, value] of Object.entries(mapTestEnv())) console.log(`${name}=${value}`);
	} else {
		const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...mapTestEnv() } });
		process.exit(result.status ?? 1);
	}
}
