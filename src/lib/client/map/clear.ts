import Dexie from 'dexie';
import { FloodWarningsDatabase } from './flood-warnings/database';
import { TilesDatabase } from './tiles/database';
import { SAVED_AREA_CACHE_PREFIX } from './tiles/saved-areas';
import { VIEWED_TILES_CACHE } from './tiles/viewed-tiles-route';

/**
 * Everything the map keeps outside a person's own store: tiles viewed and areas saved (which show
 * where staff have worked) and the last flood warnings. Shared by everyone on the device, so it
 * goes when the last person leaves it (S12), not before.
 */
export async function clearMapData(): Promise<void> {
	for (const name of [new TilesDatabase().name, new FloodWarningsDatabase().name]) {
		await Dexie.delete(name);
	}
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys()) {
		if (name === VIEWED_TILES_CACHE || name.startsWith(SAVED_AREA_CACHE_PREFIX)) await caches.delete(name);
	}
}
