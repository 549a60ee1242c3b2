import { spawnSync } from 'node:child_process';
import type { APIRequestContext } from '@playwright/test';
import { test as base, expect } from '../fixtures';
import { mapTestEnv, mapTestPorts } from './map-env.js';
import { startAgencyServer, startTileServer, type AgencyServer, type TileServer } from './servers';

export { expect };
export const ports = mapTestPorts();
export const testEnv = mapTestEnv();

/**
 * The app's fixtures plus a tile server and an Environment Agency server on 127.0.0.1, started once
 * for the test run; each test starts with them at their defaults and with nothing recorded.
 */
export const test = base.extend<
	{ tileServer: TileServer; agency: AgencyServer },
	{ tileServerOnce: TileServer; agencyOnce: AgencyServer }
>({
	tileServerOnce: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
		async ({}, use) => {
			const server = await startTileServer(ports.tiles);
			await use(server);
			await server.close();
		},
		{ scope: 'worker' }
	],
	agencyOnce: [
		// eslint-disable-next-line no-empty-pattern -- as above
		async ({}, use) => {
			const server = await startAgencyServer(ports.agency);
			await use(server);
			await server.close();
		},
		{ scope: 'worker' }
	],
	tileServer: async ({ tileServerOnce, request }, use) => {
		await expectTestMapSettings(request);
		tileServerOnce.requests.length = 0;
		tileServerOnce.delayMs = 0;
		await use(tileServerOnce);
	},
	agency: async ({ agencyOnce, request }, use) => {
		await expectTestMapSettings(request);
		agencyOnce.requests.length = 0;
		agencyOnce.floods = { items: [] };
		agencyOnce.areas = [];
		await use(agencyOnce);
	}
});

/** These tests need the app built and served with the test map settings: say how when it is not. */
async function expectTestMapSettings(request: APIRequestContext) {
	const config = (await (await request.get('/api/v1/map/config')).json()) as {
		tiles: { urlTemplate: string };
	};
	expect(
		config.tiles.urlTemplate,
		'Build and serve with the test map settings: node tests/e2e/support/map-env.js npm run build, then ' +
			'node tests/e2e/support/map-env.js npx playwright test'
	).toBe(testEnv.FELLSIDE_TILE_URL);
}

/** Start the built server with these settings on top of the tests' own; what it printed when it stopped. */
export function startServerWith(env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['build'], {
		env: {
			...process.env,
			...testEnv,
			HOST: '127.0.0.1',
			PORT: '0',
			FELLSIDE_SEED: 'none',
			DATABASE_URL: ':memory:',
			...env
		},
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: result.status, stderr: result.stderr.trim() };
}
