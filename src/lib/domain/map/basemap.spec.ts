import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLACES, placeNamed } from '../../demo/places';
import { AREAS, type AreaId } from '../areas';
import {
	areaAt,
	areaFeature,
	BasemapError,
	boundsOf,
	findPlace,
	inCounty,
	parseBasemap,
	placesToLabel,
	surfaceContains,
	toLatLngBounds,
	type Basemap,
	type Surface
} from './basemap';

const file = new URL('../../../../static/basemap/cumbria.json', import.meta.url);
const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const map = parseBasemap(raw);

/** A deep copy to break on purpose. */
function copy(): Basemap {
	return structuredClone(map);
}

describe('the committed Cumbria base map', () => {
	it('holds all six areas, each once, with their names and councils', () => {
		expect(map.layers.areas.features.map((f) => f.properties.id).sort()).toEqual(
			AREAS.map((a) => a.id).sort()
		);
		for (const area of AREAS) {
			expect(areaFeature(map, area.id).properties).toMatchObject({ name: area.name, council: area.council });
		}
	});

	// Coordinates from the demo data (typed independently of the generator and its sources).
	it.each([
		['Keswick', 'allerdale'],
		['Barrow-in-Furness', 'barrow'],
		['Carlisle', 'carlisle'],
		['Whitehaven', 'copeland'],
		['Penrith', 'eden'],
		['Kendal', 'south-lakeland']
	] as const)('puts %s in the %s area', (town, area) => {
		const place = placeNamed(town);
		if (!place) throw new Error(`The demo data has no ${town}`);
		expect(areaAt(map, place)).toBe(area);
	});

	it('agrees with the demo data on every place but the known misses of its approximate area edges', () => {
		const knownMisses = ['Lindal-in-Furness'];
		const misses = PLACES.filter((p) => areaAt(map, p) !== p.areaId).map((p) => p.name);
		expect(misses).toEqual(knownMisses);
		expect(PLACES.every((p) => inCounty(map, p))).toBe(true);
	});

	it('labels towns and villages that all lie inside the county and inside their own area', () => {
		const places = map.layers.places.features;
		expect(places.length).toBeGreaterThanOrEqual(40);
		for (const place of places) {
			const [lon, lat] = place.geometry.coordinates;
			expect(inCounty(map, { lat, lon }), place.properties.name).toBe(true);
			expect(areaAt(map, { lat, lon }), place.properties.name).toBe(place.properties.area);
		}
	});

	it('tiles the county with the areas: no gaps and no overlaps on a 2 km grid', () => {
		const [west, south, east, north] = map.bbox;
		let inside = 0;
		for (let lat = south; lat <= north; lat += 0.018)
			for (let lon = west; lon <= east; lon += 0.03) {
				const point = { lat, lon };
				const hits = map.layers.areas.features.filter((f) => surfaceContains(f.geometry, point)).length;
				expect(hits, `${lat.toFixed(4)}, ${lon.toFixed(4)}`).toBe(inCounty(map, point) ? 1 : 0);
				if (hits) inside++;
			}
		expect(inside).toBeGreaterThan(1500);
	});

	it('keeps every coordinate inside its box and rounded to 5 decimals', () => {
		const [west, south, east, north] = map.bbox;
		const numbers = JSON.stringify(map.layers).match(/-?\d+\.\d+/g) ?? [];
		expect(numbers.length).toBeGreaterThan(10_000);
		expect(numbers.filter((n) => (n.split('.')[1] ?? '').length > 5)).toEqual([]);
		for (const layer of [map.layers.land, map.layers.county, map.layers.areas, map.layers.lakes]) {
			for (const feature of layer.features) {
				const [w, s, e, n] = boundsOf(feature.geometry);
				expect(w >= west && s >= south && e <= east && n <= north).toBe(true);
			}
		}
	});

	it('carries the attribution of every source to show on the map', () => {
		expect(map.sources.map((s) => s.licence)).toEqual([
			'Open Government Licence v3.0',
			'Creative Commons Attribution 4.0',
			'Open Database Licence 1.0'
		]);
		for (const source of map.sources) expect(map.attribution).toContain(source.attribution);
	});
});

describe('parseBasemap', () => {
	it('refuses a version it does not know, saying which', () => {
		expect(() => parseBasemap({ ...raw, version: 2 })).toThrow(
			new BasemapError('This base map is version 2; this app reads version 1')
		);
	});

	it('refuses a map missing an area, naming it', () => {
		const broken = copy();
		broken.layers.areas.features = broken.layers.areas.features.filter((f) => f.properties.id !== 'eden');
		expect(() => parseBasemap(broken)).toThrow(
			/layers\.areas: The areas layer must hold Eden exactly once \(found 0\)/
		);
	});

	it('refuses an unknown area id', () => {
		const broken = copy();
		(broken.layers.areas.features[0] as { properties: { id: string } }).properties.id = 'kendal';
		expect(() => parseBasemap(broken)).toThrow(
			/layers\.areas\.features\.0\.properties\.id: Choose one of the six/
		);
	});

	it('refuses a ring that does not close and a position off the globe', () => {
		const open = copy();
		const lake = open.layers.lakes.features[0]?.geometry;
		if (!lake) throw new Error('Expected a lake');
		(lake.type === 'Polygon' ? lake.coordinates[0] : lake.coordinates[0]?.[0])?.pop();
		expect(() => parseBasemap(open)).toThrow(/A polygon ring must end where it starts/);

		const offGlobe = copy();
		const place = offGlobe.layers.places.features[0];
		if (!place) throw new Error('Expected a place');
		place.geometry.coordinates = [-3.1, 154.6];
		expect(() => parseBasemap(offGlobe)).toThrow(/layers\.places\.features\.0\.geometry\.coordinates\.1/);
	});

	it('refuses something that is not a base map at all', () => {
		expect(() => parseBasemap('<html>')).toThrow(BasemapError);
		expect(() => parseBasemap(null)).toThrow(/The base map is not valid/);
	});
});

describe('helpers', () => {
	const square: Surface = {
		type: 'Polygon',
		coordinates: [
			[
				[-3, 54],
				[-2, 54],
				[-2, 55],
				[-3, 55],
				[-3, 54]
			],
			[
				[-2.6, 54.4],
				[-2.4, 54.4],
				[-2.4, 54.6],
				[-2.6, 54.6],
				[-2.6, 54.4]
			]
		]
	};

	it('treats a hole as outside the surface', () => {
		expect(surfaceContains(square, { lat: 54.2, lon: -2.8 })).toBe(true);
		expect(surfaceContains(square, { lat: 54.5, lon: -2.5 })).toBe(false);
		expect(surfaceContains(square, { lat: 53.9, lon: -2.5 })).toBe(false);
	});

	it('gives bounds in GeoJSON order and in Leaflet order', () => {
		expect(boundsOf(square)).toEqual([-3, 54, -2, 55]);
		expect(toLatLngBounds([-3, 54, -2, 55])).toEqual([
			[54, -3],
			[55, -2]
		]);
	});

	it('is outside every area out at sea and beyond the county', () => {
		expect(areaAt(map, { lat: 54.5, lon: -3.7 })).toBeNull(); // Irish Sea off St Bees
		expect(areaAt(map, { lat: 55.07, lon: -3.6 })).toBeNull(); // Dumfries, Scotland
	});

	it('finds a place by name whatever the case or hyphens', () => {
		expect(findPlace(map, 'barrow-in-furness')?.properties.area).toBe<AreaId>('barrow');
		expect(findPlace(map, '  KESWICK ')?.properties.area).toBe<AreaId>('allerdale');
		expect(findPlace(map, 'Atlantis')).toBeUndefined();
	});

	it('labels only the big towns at county zoom, biggest first, and more when zoomed in', () => {
		const county = placesToLabel(map, 8).map((f) => f.properties.name);
		expect(county[0]).toBe('Carlisle');
		expect(county).toContain('Kendal');
		expect(county).not.toContain('Keswick');
		expect(placesToLabel(map, 10).map((f) => f.properties.name)).toContain('Keswick');
		expect(placesToLabel(map, 12)).toHaveLength(map.layers.places.features.length);
	});
});
