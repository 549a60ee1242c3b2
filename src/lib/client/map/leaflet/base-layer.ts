import type { GeoJSONOptions, LayerGroup, Map as LeafletMap, PathOptions, Renderer } from 'leaflet';
import {
	boundsOf,
	placesToLabel,
	surfaceContains,
	toLatLngBounds,
	type Basemap
} from '$lib/domain/map/basemap';
import type { Leaflet } from './load';

/**
 * The offline base map drawn with Leaflet: land and lakes at the bottom (under any online tiles, so they show
 * only when no tiles load), the county, area and coast lines above tiles (always useful), and town names
 * that make room for each other, bigger towns first. Its attribution is always in the attribution control.
 */

/** Panes by height: tiles sit at 200, markers at 600. */
const PANES = { fill: 150, labels: 160, lines: 250 } as const;

const SEA: PathOptions = { stroke: false, fill: true, fillColor: '#c9dfeb', fillOpacity: 1 };
const LAND: PathOptions = { stroke: false, fill: true, fillColor: '#f3f1ea', fillOpacity: 1 };
const LAKES: PathOptions = {
	stroke: true,
	color: '#6d9fbf',
	weight: 0.8,
	fillColor: '#b5d3e7',
	fillOpacity: 1
};
const AREAS: PathOptions = { color: '#505a5f', weight: 1.5, dashArray: '6 4', fill: false };
const COUNTY: PathOptions = { color: '#0b0c0c', weight: 2.5, fill: false };
const COAST: PathOptions = { color: '#4b7f9e', weight: 1, fill: false };

export function addBaseLayer(L: Leaflet, map: LeafletMap, basemap: Basemap): void {
	for (const [name, zIndex] of Object.entries(PANES)) {
		const pane = map.getPane(`basemap-${name}`) ?? map.createPane(`basemap-${name}`);
		pane.style.zIndex = String(zIndex);
		pane.style.pointerEvents = 'none';
	}
	const fills = L.canvas({ pane: 'basemap-fill' });
	const lines = L.canvas({ pane: 'basemap-lines' });
	const { layers } = basemap;
	// GeoJSON passes its options on to each path it makes, renderer included (the types leave it out).
	const draw = (data: GeoJSON.GeoJsonObject, style: PathOptions, renderer: Renderer) =>
		L.geoJSON(data, { style, interactive: false, renderer } as GeoJSONOptions);
	// The sea fills the base map's box; outside it the map has no data and stays grey, and is not wandered into.
	const [west, south, east, north] = basemap.bbox;
	map.setMaxBounds(toLatLngBounds(basemap.bbox));
	const sea = L.rectangle(
		[
			[south, west],
			[north, east]
		],
		{ ...SEA, renderer: fills, interactive: false }
	);
	// Added one by one, bottom first: a canvas draws in the order its shapes were added.
	for (const layer of [
		sea,
		draw(layers.land, LAND, fills),
		draw(layers.lakes, LAKES, fills),
		draw(layers.areas, AREAS, lines),
		draw(layers.coastline, COAST, lines),
		draw(layers.county, COUNTY, lines)
	])
		layer.addTo(map);

	const labels = L.layerGroup().addTo(map);
	const relabel = () => drawLabels(L, map, basemap, labels);
	map.on('zoomend', relabel);
	relabel();
	map.attributionControl.addAttribution(escape(basemap.attribution));
}

/** Town names (and, zoomed out, the six area names), leaving out any that would cover one already placed. */
function drawLabels(L: Leaflet, map: LeafletMap, basemap: Basemap, group: LayerGroup): void {
	group.clearLayers();
	// Between zoom steps (7.5 fits the county on a phone) the nearer step's places are labelled.
	const zoom = Math.ceil(map.getZoom());
	const taken: { x1: number; y1: number; x2: number; y2: number }[] = [];
	const fits = (x: number, y: number, width: number) => {
		const box = { x1: x - width / 2, y1: y - 10, x2: x + width / 2, y2: y + 10 };
		if (taken.some((t) => box.x1 < t.x2 && box.x2 > t.x1 && box.y1 < t.y2 && box.y2 > t.y1)) return false;
		taken.push(box);
		return true;
	};
	const add = (lat: number, lon: number, text: string, className: string): void => {
		const at = map.project([lat, lon], zoom);
		// About 7.5 px a character at 13 px bold: near enough to keep names apart.
		if (!fits(at.x, at.y, text.length * 7.5 + 12)) return;
		const label = document.createElement('span');
		label.textContent = text;
		const icon = L.divIcon({ html: label, className, iconSize: [0, 0] });
		L.marker([lat, lon], { icon, interactive: false, keyboard: false, pane: 'basemap-labels' }).addTo(group);
	};
	for (const place of placesToLabel(basemap, zoom)) {
		const [lon, lat] = place.geometry.coordinates;
		add(lat, lon, place.properties.name, 'map-town-label');
	}
	// Area names only where they leave the towns room.
	if (zoom <= 9) {
		for (const area of basemap.layers.areas.features) {
			const centre = labelPoint(area.geometry);
			if (centre) add(centre.lat, centre.lon, area.properties.name.toUpperCase(), 'map-area-label');
		}
	}
}

/** The middle of an area's box, if it falls inside the area (it does for all six); else no label. */
function labelPoint(surface: Parameters<typeof boundsOf>[0]): { lat: number; lon: number } | null {
	const [west, south, east, north] = boundsOf(surface);
	const centre = { lat: (south + north) / 2, lon: (west + east) / 2 };
	return surfaceContains(surface, centre) ? centre : null;
}

/** Leaflet puts attribution in as HTML: the text is escaped first. */
function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
