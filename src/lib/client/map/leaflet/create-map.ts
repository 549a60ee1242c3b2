import type { Map as LeafletMap } from 'leaflet';
import type { Leaflet } from './load';

/** Cumbria, with a margin: where the map opens, and how far it lets anyone wander. */
export const CUMBRIA_BOUNDS: [[number, number], [number, number]] = [
	[54.03, -3.65],
	[55.19, -2.15]
];
const WANDER_BOUNDS: [[number, number], [number, number]] = [
	[53.4, -4.8],
	[55.8, -1.0]
];

export const MIN_ZOOM = 7;
export const MAX_ZOOM = 18;

/**
 * A Leaflet map on `element`, showing the county. Keyboard: arrows move it, + and − zoom (Leaflet's own).
 * Its container is described for screen readers by `describedBy` (the page's instructions).
 */
export function createMap(L: Leaflet, element: HTMLElement, label: string, describedBy?: string): LeafletMap {
	const map = L.map(element, {
		minZoom: MIN_ZOOM,
		maxZoom: MAX_ZOOM,
		maxBounds: WANDER_BOUNDS,
		maxBoundsViscosity: 0.8,
		zoomSnap: 1,
		attributionControl: true
	});
	// Leaflet's own prefix carries a flag image; a plain link says the same.
	map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
	element.setAttribute('role', 'region');
	element.setAttribute('aria-label', label);
	if (describedBy) element.setAttribute('aria-describedby', describedBy);
	map.fitBounds(CUMBRIA_BOUNDS);
	return map;
}
