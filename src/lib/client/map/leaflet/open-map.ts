import type { Map as LeafletMap } from 'leaflet';
import { createMap } from './create-map';
import { loadLeaflet, type Leaflet } from './load';

/**
 * Every map in the app opens here, so each one has the same background layers and attribution: Leaflet is
 * loaded (lazily), the map made on `element`, and the base layers put under it.
 */
export async function openMap(
	element: HTMLElement,
	label: string,
	describedBy?: string
): Promise<{ L: Leaflet; map: LeafletMap }> {
	const L = await loadLeaflet();
	const map = createMap(L, element, label, describedBy);
	return { L, map };
}
