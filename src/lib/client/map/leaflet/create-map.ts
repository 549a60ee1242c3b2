import type { Map as LeafletMap } from 'leaflet';
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM } from '../clusters';
import type { Leaflet } from './load';

/** Cumbria, with a margin: where the map opens. */
export const CUMBRIA_BOUNDS: [[number, number], [number, number]] = [
	[54.03, -3.65],
	[55.19, -2.15]
];

export interface MapPlace {
	/** The map's name for screen readers. */
	label: string;
	/** The id of the instructions for using it. */
	describedBy?: string;
	/**
	 * Where the attribution goes: under the map rather than over it, so the long line the sources need is
	 * always readable, even at 360 px, without hiding the bottom of the map.
	 */
	attribution?: HTMLElement;
}

/** A Leaflet map on `element`, showing the county. Keyboard: arrows move it, + and − zoom (Leaflet's own). */
export function createMap(L: Leaflet, element: HTMLElement, place: MapPlace): LeafletMap {
	const map = L.map(element, {
		minZoom: MAP_MIN_ZOOM,
		maxZoom: MAP_MAX_ZOOM,
		maxBoundsViscosity: 0.8,
		// Half steps fit the county snugly on a phone and a desktop alike.
		zoomSnap: 0.5,
		attributionControl: true
	});
	// Leaflet's own prefix carries a flag image; a plain link says the same.
	map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
	if (place.attribution) place.attribution.append(map.attributionControl.getContainer() ?? '');
	element.setAttribute('role', 'region');
	element.setAttribute('aria-label', place.label);
	if (place.describedBy) element.setAttribute('aria-describedby', place.describedBy);
	map.fitBounds(CUMBRIA_BOUNDS);
	return map;
}

/**
 * Remove a map, also in the middle of a pan or zoom (leaving the page just after a tap on + or a pin
 * moved). Leaflet 1.9 ends a zoom animation 250 ms later from a timer that `remove()` does not clear,
 * and that timer then reads the removed map's panes (Leaflet #9575): marked as not zooming, it does
 * nothing.
 */
export function closeMap(map: LeafletMap): void {
	map.stop();
	(map as unknown as { _animatingZoom: boolean })._animatingZoom = false;
	map.remove();
}
