import type { MapSources } from '$lib/domain/map/tiles';
import { TilesDatabase } from './database';
import { SavedAreas } from './saved-areas';
import { loadMapSources } from './sources';

let db: TilesDatabase | undefined;
let areas: SavedAreas | undefined;

const database = () => (db ??= new TilesDatabase());

/** The map sources for this browser: from the server when online, else the copy kept on the device. */
export function mapSources(): Promise<MapSources | null> {
	return loadMapSources(database());
}

/** The saved areas of this browser, their tiles in its Cache Storage. */
export function savedAreas(): SavedAreas {
	areas ??= new SavedAreas({
		db: database(),
		caches,
		fetch: (input, init) => fetch(input, init),
		storage: navigator.storage
	});
	return areas;
}
