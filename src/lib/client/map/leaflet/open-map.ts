import type { Map as LeafletMap } from 'leaflet';
import { loadBasemap } from '../basemap';
import { addBaseLayer } from './base-layer';
import { createMap, type MapPlace } from './create-map';
import { loadLeaflet, type Leaflet } from './load';

/**
 * Every map in the app opens here, so each one has the same background layers and attribution: Leaflet is
 * loaded (lazily), the map made on `element`, and the offline base map put under it. Without the base map
 * the map still opens, with markers on the sea-coloured background, and `baseProblem` says why.
 */
export async function openMap(
	element: HTMLElement,
	place: MapPlace
): Promise<{ L: Leaflet; map: LeafletMap; baseProblem: string | null }> {
	const [L, basemap] = await Promise.all([
		loadLeaflet(),
		loadBasemap().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
	]);
	const map = createMap(L, element, place);
	if (basemap instanceof Error) return { L, map, baseProblem: basemap.message };
	addBaseLayer(L, map, basemap);
	return { L, map, baseProblem: null };
}
