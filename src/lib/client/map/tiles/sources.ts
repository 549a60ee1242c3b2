import { mapSourcesSchema, type MapSources } from '$lib/domain/map/tiles';
import type { TilesDatabase } from './database';

export const MAP_CONFIG_PATH = '/api/v1/map/config';

/**
 * The map's online sources: asked of the server when online and kept on the device, so the map
 * knows its tiles (and their attribution) with no signal. Null when this device has never had
 * them: the map then shows only its offline base layer.
 */
export async function loadMapSources(
	db: TilesDatabase,
	fetcher: typeof fetch = fetch
): Promise<MapSources | null> {
	try {
		const response = await fetcher(MAP_CONFIG_PATH, { headers: { accept: 'application/json' } });
		if (response.ok) {
			const parsed = mapSourcesSchema.safeParse(await response.json());
			if (parsed.success) {
				await db.putSources(parsed.data);
				return parsed.data;
			}
		}
	} catch {
		// Offline or the server is unreachable: the copy on the device serves.
	}
	const kept = mapSourcesSchema.safeParse(await db.getSources());
	return kept.success ? kept.data : null;
}
