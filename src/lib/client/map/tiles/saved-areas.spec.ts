import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countTiles, saveFromZoom, type Bounds, type TileSource } from '$lib/domain/map/tiles';
import { TilesDatabase } from './database';
import { SavedAreas, SaveRefused, type SaveProgress } from './saved-areas';
import { MemoryCacheStorage } from './testing';

const source: TileSource = {
	urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
	attribution: '© Example',
	attributionUrl: null,
	maxZoom: 17,
	offlineSaving: true
};
const keswick: Bounds = { west: -3.16, south: 54.59, east: -3.12, north: 54.61 };
const request = { name: 'Keswick', bounds: keswick, viewZoom: 13, toZoom: 14 };
const expectedTiles = countTiles(keswick, saveFromZoom(13, 14), 14);

/** A tile server in a function: each tile is `size` bytes; some can fail or wait to be let through. */
function tileServer(options: { size?: number; failing?: (url: string) => boolean } = {}) {
	const requested: string[] = [];
	let gate: Promise<void> | null = null;
	let open = () => {};
	const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = String(input);
		requested.push(url);
		if (gate) await gate;
		init?.signal?.throwIfAborted();
		if (options.failing?.(url)) throw new TypeError('Failed to fetch');
		return new Response(new Uint8Array(options.size ?? 1000), { headers: { 'content-type': 'image/png' } });
	};
	return {
		fetch: fetcher as typeof fetch,
		requested,
		hold() {
			gate = new Promise((resolve) => (open = resolve));
		},
		release() {
			gate = null;
			open();
		}
	};
}

describe('SavedAreas', () => {
	let db: TilesDatabase;
	let caches: MemoryCacheStorage;
	let ids = 0;
	const make = (
		server: ReturnType<typeof tileServer>,
		storage?: Pick<StorageManager, 'estimate' | 'persist'>
	) =>
		new SavedAreas({
			db,
			caches: caches as unknown as CacheStorage,
			fetch: server.fetch,
			newId: () => `area-${++ids}`,
			now: () => new Date('2026-01-20T10:00:00Z'),
			storage
		});

	beforeEach(() => {
		db = new TilesDatabase(`tiles-${Math.random()}`);
		caches = new MemoryCacheStorage();
	});
	afterEach(async () => {
		await db.delete();
	});

	it('saves every tile of the area into its own cache, reporting progress, and lists it with its size', async () => {
		const server = tileServer({ size: 1500 });
		const areas = make(server);
		const progress: SaveProgress[] = [];
		const outcome = await areas.save(request, source, { onProgress: (p) => progress.push(p) });

		expect(outcome).toMatchObject({ cancelled: false, failed: 0 });
		expect(server.requested).toHaveLength(expectedTiles);
		expect(progress.at(-1)).toEqual({
			done: expectedTiles,
			total: expectedTiles,
			bytes: expectedTiles * 1500,
			failed: 0
		});
		expect(progress.map((p) => p.done)).toEqual(progress.map((_, i) => i + 1));
		expect(await caches.keys()).toEqual(['fellside-saved-area-area-1']);
		expect(caches.caches.get('fellside-saved-area-area-1')?.entries.size).toBe(expectedTiles);
		expect(await areas.list()).toEqual([
			expect.objectContaining({
				name: 'Keswick',
				status: 'complete',
				tiles: expectedTiles,
				savedTiles: expectedTiles,
				bytes: expectedTiles * 1500,
				fromZoom: 10,
				toZoom: 14
			})
		]);
	});

	it('estimates with the tile size it has measured once an area is saved', async () => {
		const areas = make(tileServer({ size: 1500 }));
		expect((await areas.choices(keswick, 13, source))[0]?.bytes).toBe(countTiles(keswick, 10, 13) * 20_000);
		await areas.save(request, source);
		expect((await areas.choices(keswick, 13, source))[0]?.bytes).toBe(countTiles(keswick, 10, 13) * 1500);
	});

	it('keeps nothing when cancelled, and no download goes on afterwards', async () => {
		const server = tileServer();
		const areas = make(server);
		const controller = new AbortController();
		server.hold();
		const saving = areas.save(request, source, { signal: controller.signal });
		// Under way (however slow the machine): the area is listed as saving.
		await vi.waitFor(async () =>
			expect(await areas.list()).toEqual([expect.objectContaining({ status: 'saving' })])
		);
		controller.abort();
		server.release();
		expect(await saving).toEqual({ cancelled: true });
		const requestedAtCancel = server.requested.length;
		expect(requestedAtCancel).toBeLessThan(expectedTiles);
		expect(await areas.list()).toEqual([]);
		expect(await caches.keys()).toEqual([]);
		await new Promise((r) => setTimeout(r, 10));
		expect(server.requested).toHaveLength(requestedAtCancel);
	});

	it('stops when the connection goes, keeps what it saved, and fetches only what is missing on resume', async () => {
		let online = true;
		const server = tileServer({ failing: () => !online });
		const areas = make(server);
		let done = 0;
		const first = await areas.save(request, source, {
			onProgress: (p) => {
				done = p.done;
				if (done === 10) online = false;
			}
		});
		expect(first).toMatchObject({ cancelled: false, area: { status: 'incomplete' } });
		if (first.cancelled) return;
		expect(first.failed).toBeGreaterThan(0);
		const saved = caches.caches.get(first.area.cacheName)!.entries.size;
		expect(saved).toBeGreaterThanOrEqual(10);
		// It gave up after a run of failures instead of trying every remaining tile.
		expect(server.requested.length).toBeLessThan(expectedTiles * 2);

		online = true;
		server.requested.length = 0;
		const second = await areas.resume(first.area.id, source);
		expect(second).toMatchObject({
			cancelled: false,
			failed: 0,
			area: { status: 'complete', savedTiles: expectedTiles }
		});
		expect(server.requested).toHaveLength(expectedTiles - saved);
	});

	it('shows an area whose save was interrupted as incomplete', async () => {
		await db.areas.add({
			id: 'old',
			name: 'Ambleside',
			bounds: keswick,
			fromZoom: 10,
			toZoom: 14,
			urlTemplate: source.urlTemplate,
			cacheName: 'fellside-saved-area-old',
			tiles: 40,
			savedTiles: 12,
			bytes: 12_000,
			status: 'saving',
			createdAt: '2026-01-19T10:00:00Z',
			updatedAt: '2026-01-19T10:00:00Z'
		});
		expect(await make(tileServer()).list()).toEqual([
			expect.objectContaining({ id: 'old', status: 'incomplete' })
		]);
	});

	it('deletes an area and its tiles', async () => {
		const areas = make(tileServer());
		const outcome = await areas.save(request, source);
		if (outcome.cancelled) throw new Error('not cancelled');
		await areas.delete(outcome.area.id);
		expect(await areas.list()).toEqual([]);
		expect(await caches.keys()).toEqual([]);
	});

	it('refuses OpenStreetMap’s own tiles, whatever the settings say, before any download', async () => {
		const server = tileServer();
		const osm = {
			...source,
			urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
			offlineSaving: true
		};
		await expect(make(server).save(request, osm)).rejects.toThrow(/OpenStreetMap’s tile usage policy/);
		await expect(make(server).save(request, { ...source, offlineSaving: false })).rejects.toThrow(
			SaveRefused
		);
		expect(server.requested).toEqual([]);
		expect(await db.areas.count()).toBe(0);
	});

	it('refuses a bad request with the reason', async () => {
		const areas = make(tileServer());
		await expect(areas.save({ ...request, name: '  ' }, source)).rejects.toThrow('Enter a name for the area');
		await expect(areas.save({ ...request, toZoom: 19 }, source)).rejects.toThrow(/no level of detail 19/);
		const county = { west: -3.65, south: 54.0, east: -2.15, north: 55.2 };
		await expect(areas.save({ ...request, bounds: county, viewZoom: 9, toZoom: 16 }, source)).rejects.toThrow(
			/more than the 5,000 one area can hold/
		);
	});

	it('refuses an area the device has no room for', async () => {
		const storage = { estimate: async () => ({ quota: 50_000, usage: 10_000 }), persist: async () => true };
		await expect(make(tileServer(), storage).save(request, source)).rejects.toThrow(
			/room for about 40 KB more; this area needs about/
		);
	});
});
