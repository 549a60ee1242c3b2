// The service worker's route for map tiles (used by vite.config.ts when the worker is generated).
// Workbox writes these plugin functions into the worker as source text: they may use only their
// arguments and the worker's globals, never anything else from this module.
import type { RuntimeCaching } from 'workbox-build';

/** Tiles the map has shown, kept so the same places draw again with no signal. */
export const VIEWED_TILES_CACHE = 'fellside-viewed-tiles';
/** About 40 MB of typical raster tiles; the least recently shown go first. */
export const MAX_VIEWED_TILES = 2000;

/** Cache-first for the configured tile origin only: tiles from anywhere else are never stored. */
export function viewedTilesRoute(tileOrigin: string): RuntimeCaching {
	return {
		urlPattern: new RegExp(`^${tileOrigin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`),
		handler: 'CacheFirst',
		options: {
			cacheName: VIEWED_TILES_CACHE,
			expiration: { maxEntries: MAX_VIEWED_TILES, purgeOnQuotaError: true },
			plugins: [
				{
					// A tile not viewed before may be in an area saved for offline use (its own cache).
					cachedResponseWillBeUsed: async ({ cachedResponse, request }) =>
						cachedResponse ?? (await caches.match(request)) ?? null,
					// Only tiles the map drew are kept here: an area being saved fetches its tiles into
					// its own cache, and must not push the viewed ones out.
					cacheWillUpdate: async ({ request, response }) =>
						request.destination === 'image' && response.status === 200 ? response : null
				}
			]
		}
	};
}
