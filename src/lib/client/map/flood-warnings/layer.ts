import type * as Leaflet from 'leaflet';
import {
	EA_ATTRIBUTION,
	OGL_URL,
	SEVERITIES,
	type FloodAreaPlace,
	type FloodWarning
} from '$lib/domain/map/flood-warnings';
import { attributionHtml } from '../tiles/tile-layer';

/** Marker colours by severity, after the Environment Agency's own: the words always go with them. */
export const SEVERITY_COLOURS = { 1: '#942514', 2: '#d4351c', 3: '#f47738', 4: '#505a5f' } as const;

export interface FloodWarningsLayer {
	/** Add to the map or a layer switcher; carries the Environment Agency's attribution. */
	layer: Leaflet.FeatureGroup;
	/** Draw these warnings at their areas' places (warnings not yet placed are left to the list). */
	show(warnings: readonly FloodWarning[], places: ReadonlyMap<string, FloodAreaPlace>): void;
}

export function createFloodWarningsLayer(L: typeof Leaflet): FloodWarningsLayer {
	const layer = L.featureGroup([], { attribution: attributionHtml(`${EA_ATTRIBUTION} (OGL)`, OGL_URL) });
	return {
		layer,
		show(warnings, places) {
			layer.clearLayers();
			// Least severe first, so the most severe are drawn on top.
			for (const warning of [...warnings].reverse()) {
				const place = places.get(warning.floodAreaId);
				if (!place) continue;
				const colour = SEVERITY_COLOURS[warning.severityLevel];
				const marker = L.circleMarker([place.lat, place.lon], {
					radius: warning.severityLevel === 1 ? 12 : 9,
					color: '#0b0c0c',
					weight: 2,
					fillColor: colour,
					fillOpacity: 0.9
				});
				marker.bindPopup(() => popup(warning));
				marker.bindTooltip(`${SEVERITIES[warning.severityLevel].name}: ${warning.place}`);
				layer.addLayer(marker);
			}
		}
	};
}

/** Built from elements, not HTML: the agency's words are shown as text, never interpreted. */
function popup(warning: FloodWarning): HTMLElement {
	const box = document.createElement('div');
	const title = document.createElement('strong');
	title.textContent = SEVERITIES[warning.severityLevel].name;
	const place = document.createElement('p');
	place.textContent = warning.place;
	box.append(title, place);
	if (warning.message) {
		const message = document.createElement('p');
		message.textContent = warning.message;
		box.append(message);
	}
	return box;
}
