import type { Page } from '@playwright/test';
import { goOffline, waitForServiceWorker } from './fixtures';
import { expect, ports, startServerWith, test, testEnv } from './support/map-fixtures';

const tiles = `http://127.0.0.1:${ports.tiles}`;
const agency = `http://127.0.0.1:${ports.agency}`;
/** A size as the screens write it. */
const SIZE = String.raw`(\d+ bytes|\d+ KB|\d+(\.\d)? MB)`;
/** Keswick town centre, as the map page links here with the area it shows. */
const KESWICK = '-3.15000,54.59500,-3.12500,54.60500';

/** Open the save page once the service worker controls the app, so every tile goes through it. */
async function openSavePage(page: Page) {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.goto(`/map/offline-areas?bbox=${KESWICK}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Offline map areas' })).toBeVisible();
}

/** Tiles drawn on screen at a zoom level: loaded, decoded, 256 px, from the test tile server. */
async function drawnTiles(page: Page, zoom: number): Promise<number> {
	return page
		.locator(`img.leaflet-tile[src^="${tiles}/tiles/${zoom}/"]`)
		.evaluateAll(
			(images) =>
				(images as HTMLImageElement[]).filter((img) => img.complete && img.naturalWidth === 256).length
		);
}

async function mapZoom(page: Page): Promise<number> {
	const src = await page.locator('img.leaflet-tile').first().getAttribute('src');
	return Number(/\/tiles\/(\d+)\//.exec(src ?? '')?.[1]);
}

async function cacheEntries(page: Page): Promise<Record<string, string[]>> {
	return page.evaluate(async () => {
		const found: Record<string, string[]> = {};
		for (const name of await caches.keys()) {
			found[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
		}
		return found;
	});
}

test('tiles the map showed are kept by the service worker and drawn again with the network cut', async ({
	page,
	context,
	tileServer
}) => {
	await openSavePage(page);
	await expect.poll(async () => drawnTiles(page, await mapZoom(page))).toBeGreaterThan(0);
	const zoom = await mapZoom(page);
	const viewed = await drawnTiles(page, zoom);
	await expect
		.poll(async () => (await cacheEntries(page))['fellside-viewed-tiles']?.length ?? 0)
		.toBeGreaterThanOrEqual(viewed);

	// Only the configured tile origin is cached, and nothing from the API.
	const cached = Object.values(await cacheEntries(page)).flat();
	expect(cached.filter((url) => url.includes('/api/'))).toEqual([]);
	const viewedCache = (await cacheEntries(page))['fellside-viewed-tiles'] ?? [];
	expect(viewedCache.every((url) => url.startsWith(`${tiles}/tiles/`))).toBe(true);

	await goOffline(context);
	const asked = tileServer.tileRequests().length;
	await page.reload();
	await expect.poll(() => drawnTiles(page, zoom)).toBeGreaterThanOrEqual(viewed);
	await expect(
		page.locator(`img.leaflet-tile[src*="/tiles/${zoom}/"]:not(.leaflet-tile-loaded)`)
	).toHaveCount(0);
	expect(tileServer.tileRequests()).toHaveLength(asked);
	// The tile source's attribution stays on the map.
	await expect(page.locator('.leaflet-control-attribution')).toContainText(testEnv.FELLSIDE_TILE_ATTRIBUTION);
});

test('save this area: estimate, progress, cancel, save, use offline, delete', async ({
	page,
	context,
	tileServer
}) => {
	await openSavePage(page);
	await expect.poll(async () => drawnTiles(page, await mapZoom(page))).toBeGreaterThan(0);
	const viewZoom = await mapZoom(page);
	const detail = viewZoom + 2;

	// The estimate comes before anything is downloaded.
	const choice = page.getByRole('radio', { name: new RegExp(`^Up to zoom ${detail} `) });
	const estimate = page.locator(`#${await choice.getAttribute('aria-describedby')}`);
	await expect(estimate).toHaveText(new RegExp(`^\\d+ tiles, about ${SIZE}$`));
	const total = Number((await estimate.textContent())?.split(' ')[0]);
	expect(tileServer.tileRequests()).not.toContainEqual(expect.stringContaining(`/tiles/${detail}/`));

	// A slow tile server: the progress bar moves, then the save is cancelled and nothing is kept.
	await page.getByLabel('Name of the area').fill('Keswick');
	await choice.check();
	tileServer.delayMs = 150;
	await page.getByRole('button', { name: 'Save this area' }).click();
	const progress = page.locator('progress');
	await expect(progress).toHaveAttribute('max', String(total));
	await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
	await expect(page.getByText(new RegExp(`^Saving the area: \\d+ of ${total} tiles`))).toBeVisible();
	await page.getByRole('button', { name: 'Cancel saving' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saving stopped' })).toHaveText(
		'Saving stopped. Nothing of that area was kept.'
	);
	await expect(page.getByText('No areas saved on this device.')).toBeVisible();
	expect(Object.keys(await cacheEntries(page)).filter((n) => n.startsWith('fellside-saved-area-'))).toEqual(
		[]
	);

	// Saved in full: listed with its size, its tiles in a cache of its own.
	tileServer.delayMs = 0;
	await page.getByLabel('Name of the area').fill('Keswick');
	await choice.check();
	await page.getByRole('button', { name: 'Save this area' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'saved for offline use' })).toHaveText(
		new RegExp(`^Keswick is saved for offline use \\(${SIZE}\\)\\.$`)
	);
	const saved = page.getByTestId('saved-areas').getByRole('listitem');
	await expect(saved).toHaveCount(1);
	await expect(saved).toContainText('Keswick');
	await expect(saved).toContainText(
		new RegExp(`Saved ${SIZE} · ${total} of ${total} tiles · zoom \\d+ to ${detail}`)
	);
	const areaCaches = Object.entries(await cacheEntries(page)).filter(([n]) =>
		n.startsWith('fellside-saved-area-')
	);
	expect(areaCaches).toHaveLength(1);
	expect(areaCaches[0]?.[1]).toHaveLength(total);
	expect(areaCaches[0]?.[1].every((url) => url.startsWith(`${tiles}/tiles/`))).toBe(true);

	// The save kept its tiles apart: none went into the cache of viewed tiles.
	const viewedCache = (await cacheEntries(page))['fellside-viewed-tiles'] ?? [];
	expect(viewedCache.filter((url) => url.includes(`/tiles/${detail}/`))).toEqual([]);

	// With the network cut, zoom into detail never viewed: the saved area draws it.
	await goOffline(context);
	await page.reload();
	await expect.poll(() => drawnTiles(page, viewZoom)).toBeGreaterThan(0);
	// One level at a time: Leaflet ignores a zoom asked for while it is still animating the last.
	for (let zoom = viewZoom + 1; zoom <= detail; zoom++) {
		await page.getByRole('button', { name: 'Zoom in' }).click();
		await expect.poll(() => drawnTiles(page, zoom)).toBeGreaterThan(0);
	}
	await expect(
		page.locator(`img.leaflet-tile[src*="/tiles/${detail}/"]:not(.leaflet-tile-loaded)`)
	).toHaveCount(0);

	await page.getByRole('button', { name: 'Delete Keswick' }).click();
	await expect(page.getByText('Keswick was deleted from this device.')).toBeVisible();
	await expect(page.getByText('No areas saved on this device.')).toBeVisible();
	expect(Object.keys(await cacheEntries(page)).filter((n) => n.startsWith('fellside-saved-area-'))).toEqual(
		[]
	);
});

test('a tile source whose terms forbid saving areas says so and offers no save', async ({
	page,
	tileServer
}) => {
	void tileServer;
	await page.route('**/api/v1/map/config', async (route) => {
		const config = (await (await route.fetch()).json()) as { tiles: Record<string, unknown> };
		await route.fulfill({ json: { ...config, tiles: { ...config.tiles, offlineSaving: false } } });
	});
	await page.goto(`/map/offline-areas?bbox=${KESWICK}`);
	await expect(page.getByTestId('save-refused')).toHaveText(
		/does not allow saving areas for offline use\. Places you have viewed are still kept on this device\./
	);
	await expect(page.getByRole('button', { name: 'Save this area' })).toHaveCount(0);
});

test('the Content-Security-Policy allows exactly the configured tile and flood-warning origins', async ({
	page,
	request,
	problems,
	tileServer
}) => {
	void tileServer;
	const expected = { img: `'self' data: blob: ${tiles}`, connect: `'self' ${tiles} ${agency}` };
	const directive = (policy: string | null | undefined, name: string) =>
		policy
			?.split(';')
			.map((d) => d.trim())
			.find((d) => d.startsWith(`${name} `))
			?.slice(name.length + 1);

	// The prerendered shell's <meta>, fixed at build time.
	await page.goto('/map/offline-areas');
	const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(directive(meta, 'img-src')).toBe(expected.img);
	expect(directive(meta, 'connect-src')).toBe(expected.connect);
	// A page rendered by the server carries the same as a header.
	const header = (await request.get('/assets/no-such-asset')).headers()['content-security-policy'];
	expect(directive(header, 'img-src')).toBe(expected.img);
	expect(directive(header, 'connect-src')).toBe(expected.connect);

	// And the browser enforces it: the configured origins are reachable, any other is blocked.
	const outcome = await page.evaluate(
		async ({ tiles, other }) => {
			const blocked: string[] = [];
			document.addEventListener('securitypolicyviolation', (e) =>
				blocked.push(`${e.effectiveDirective} ${e.blockedURI}`)
			);
			const reach = (url: string) =>
				fetch(url).then(
					(r) => r.status,
					() => 'refused'
				);
			const image = (url: string) =>
				new Promise<string>((resolve) => {
					const img = new Image();
					img.onload = () => resolve('loaded');
					img.onerror = () => resolve('refused');
					img.src = url;
				});
			const result = {
				tileFetch: await reach(`${tiles}/tiles/1/0/0.png`),
				tileImage: await image(`${tiles}/tiles/1/1/0.png`),
				otherFetch: await reach(`${other}/x.json`),
				otherImage: await image(`${other}/x.png`)
			};
			await new Promise((r) => setTimeout(r, 100));
			return { ...result, blocked };
		},
		{ tiles, other: `http://127.0.0.1:${ports.agency + 7}` }
	);
	expect(outcome).toEqual({
		tileFetch: 200,
		tileImage: 'loaded',
		otherFetch: 'refused',
		otherImage: 'refused',
		blocked: [
			`connect-src http://127.0.0.1:${ports.agency + 7}/x.json`,
			`img-src http://127.0.0.1:${ports.agency + 7}/x.png`
		]
	});
	// Those two refusals were the point of this test (the console reports each): nothing else was refused.
	expect(problems.length).toBeGreaterThanOrEqual(2);
	expect(problems.filter((p) => !p.includes(`127.0.0.1:${ports.agency + 7}/x.`))).toEqual([]);
	problems.length = 0;
});

test.describe('the server with map settings', () => {
	test('a tile URL without {z}, {x} and {y} stops start-up with one clear line', () => {
		const result = startServerWith({ FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}.png' });
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(
			'Fellside cannot start: FELLSIDE_TILE_URL must contain {z}, {x} and {y}; "https://tiles.example.org/{z}/{x}.png" has no {y}'
		);
	});

	test('saving areas from OpenStreetMap is refused at start-up', () => {
		const result = startServerWith({ FELLSIDE_TILE_URL: '', FELLSIDE_TILE_ATTRIBUTION: '' });
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(
			/^Fellside cannot start: FELLSIDE_TILE_OFFLINE_SAVING cannot be "allowed" for tile\.openstreetmap\.org: its tile usage policy forbids bulk downloads/
		);
	});

	test('map origins this build’s pages do not allow stop start-up, naming both', () => {
		const result = startServerWith({
			FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
			FELLSIDE_TILE_OFFLINE_SAVING: 'forbidden'
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(
			`Fellside cannot start: the map settings need tiles from https://tiles.example.org and connections to ${agency}, ` +
				`but this build allows tiles from ${tiles} and connections to ${tiles} ${agency}. ` +
				'Build again with the same FELLSIDE_TILE_* and FELLSIDE_FLOOD_WARNINGS* settings (npm run build)'
		);
	});
});
