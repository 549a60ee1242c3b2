/**
 * Leaflet is loaded only when a map is shown: it touches `window` at import and is most of the map's
 * weight, so nothing of it is in the first page load. Its CSS and ours come with it, in the same lazy chunk.
 */
import type * as LeafletModule from 'leaflet';

export type Leaflet = typeof LeafletModule;

let loading: Promise<Leaflet> | undefined;

export function loadLeaflet(): Promise<Leaflet> {
	loading ??= Promise.all([
		import('leaflet'),
		import('leaflet/dist/leaflet.css'),
		import('./markers.css')
	]).then(([module]) => (module as { default?: Leaflet }).default ?? module);
	return loading;
}
