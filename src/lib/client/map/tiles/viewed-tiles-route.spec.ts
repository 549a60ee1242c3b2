import { afterEach, describe, expect, it } from 'vitest';
import type { WorkboxPlugin } from 'workbox-core/types';
import { MemoryCacheStorage } from './testing';
import { VIEWED_TILES_CACHE, viewedTilesRoute } from './viewed-tiles-route';

const route = viewedTilesRoute('http://127.0.0.1:4719');
const plugin = route.options?.plugins?.[0] as Required<
	Pick<WorkboxPlugin, 'cachedResponseWillBeUsed' | 'cacheWillUpdate'>
>;
const call = <T>(fn: (arg: never) => T, arg: object) => fn(arg as never);

describe('the service worker’s tile route', () => {
	afterEach(() => {
		delete (globalThis as { caches?: unknown }).caches;
	});

	it('matches the configured tile origin only', () => {
		const pattern = route.urlPattern as RegExp;
		expect(pattern.test('http://127.0.0.1:4719/tiles/3/4/5.png')).toBe(true);
		expect(pattern.test('http://127.0.0.1:47190/tiles/3/4/5.png')).toBe(false);
		expect(pattern.test('http://127.0.0.1:4719.example.org/tiles/3/4/5.png')).toBe(false);
		expect(pattern.test('http://127.0.0.1:4718/api/v1/health')).toBe(false);
		expect(route).toMatchObject({
			handler: 'CacheFirst',
			options: { cacheName: VIEWED_TILES_CACHE, expiration: { maxEntries: 2000, purgeOnQuotaError: true } }
		});
	});

	it('keeps only tiles the map drew (images), never fetches of an area being saved or failures', async () => {
		const ok = new Response('png');
		expect(await call(plugin.cacheWillUpdate, { request: { destination: 'image' }, response: ok })).toBe(ok);
		expect(await call(plugin.cacheWillUpdate, { request: { destination: '' }, response: ok })).toBeNull();
		const missing = new Response('', { status: 404 });
		expect(
			await call(plugin.cacheWillUpdate, { request: { destination: 'image' }, response: missing })
		).toBeNull();
	});

	it('finds a tile not viewed before in a saved area', async () => {
		const storage = new MemoryCacheStorage();
		(globalThis as { caches?: unknown }).caches = storage;
		const url = 'http://127.0.0.1:4719/tiles/15/1/2.png';
		await (await storage.open('fellside-saved-area-x')).put(url, new Response('saved tile'));
		const viewed = new Response('viewed tile');
		expect(
			await call(plugin.cachedResponseWillBeUsed, { cachedResponse: viewed, request: new Request(url) })
		).toBe(viewed);
		const fromArea = await call(plugin.cachedResponseWillBeUsed, {
			cachedResponse: undefined,
			request: new Request(url)
		});
		expect(await (fromArea as Response).text()).toBe('saved tile');
		const other = new Request('http://127.0.0.1:4719/tiles/15/9/9.png');
		expect(
			await call(plugin.cachedResponseWillBeUsed, { cachedResponse: undefined, request: other })
		).toBeNull();
	});
});
