/**
 * npm run basemap: builds static/basemap/cumbria.json from packaged open data (see static/basemap/README.md).
 * Deterministic: the same source packages give the same file, byte for byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREAS } from '../../src/lib/domain/areas';
import { BASEMAP_FORMAT, BASEMAP_VERSION, parseBasemap } from '../../src/lib/domain/map/basemap';
import { splitIntoAreas } from './areas';
import { coastlineOf } from './coastline';
import {
	areaKm2,
	boxesOverlap,
	boxOf,
	boxPolygon,
	contains,
	intersect,
	round5,
	roundSurface,
	union,
	type Box,
	type MultiPolygon
} from './geometry';
import { cumbrianPlaces, minZoomFor, type Place } from './places';
import { simplifyTogether } from './simplify';
import { describeSources, loadConstituencies, loadLakes, loadPlaces } from './sources';
import { printSummary } from './summary';

/** Cumbria's six Westminster constituencies of 2010–2024; together they are exactly the county. */
const CUMBRIAN_CONSTITUENCIES = [
	'Barrow and Furness',
	'Carlisle',
	'Copeland',
	'Penrith and The Border',
	'Westmorland and Lonsdale',
	'Workington'
];
/** About 5 km of neighbouring land around the county, so the coast and border read naturally. */
const MARGIN_DEGREES = { lon: 0.08, lat: 0.05 };
/** Smallest detail kept; the source is quantised to 1/1024 degree, so finer would only add bytes. */
const TOLERANCE_METRES = 30;
/** Lakes smaller than this (about 300 m across) are clipping slivers or ponds, not landmarks. */
const MIN_LAKE_KM2 = 0.1;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = join(ROOT, 'static/basemap/cumbria.json');

function main(): void {
	const started = performance.now();
	const constituencies = loadConstituencies().map((c) => ({
		name: String(c.properties.pcon16nm),
		surface: c.surface
	}));
	const cumbrian = CUMBRIAN_CONSTITUENCIES.map((name) => {
		const found = constituencies.filter((c) => c.name === name);
		if (found.length !== 1 || !found[0])
			throw new Error(`Expected one constituency named ${name}, found ${found.length}`);
		return found[0];
	});

	const county = union(cumbrian.map((c) => c.surface));
	const box = paddedBox(boxOf([county]));
	const land = intersect(
		union(constituencies.filter((c) => boxesOverlap(boxOf([c.surface]), box)).map((c) => c.surface)),
		boxPolygon(box)
	);

	const places = cumbrianPlaces(loadPlaces());
	const { areas, splits } = splitIntoAreas(cumbrian, places);
	const lakes = lakesIn(land, box);

	const simple = simplifyTogether({ land, county, lakes, ...Object.fromEntries(areas) }, TOLERANCE_METRES);
	const rounded = Object.fromEntries(Object.entries(simple).map(([k, v]) => [k, roundSurface(v)]));
	const surface = (name: string): MultiPolygon => rounded[name] ?? [];

	const countyShape = surface('county');
	const outside = places.filter((p) => !contains(countyShape, p.position));
	const labelled = places.filter((p) => contains(countyShape, p.position));

	const dataset = {
		format: BASEMAP_FORMAT,
		version: BASEMAP_VERSION,
		title: 'Cumbria',
		bbox: [box.west, box.south, box.east, box.north],
		attribution: describeSources()
			.map((s) => s.attribution)
			.join(' · '),
		sources: describeSources(),
		notes: [
			'The six area boundaries are approximate. The county edge is the real ONS/OS boundary, and so is the edge of each 2010–2024 Westminster constituency that lies wholly in one area (Carlisle, Workington, Westmorland and Lonsdale); elsewhere land goes to the nearest town (GeoNames), which can be a few kilometres out in open fell. Use the areas to find your way, not to decide which area a record belongs to.',
			'Lakes come from a reduced OpenStreetMap water layer and are simplified: small tarns are missing.',
			'Rivers are not included: no open river centre-line dataset for Cumbria is packaged on npm at a usable resolution.'
		],
		layers: {
			land: collection([surface('land')], () => ({})),
			lakes: collection([surface('lakes')], () => ({})),
			areas: collection(
				AREAS.map((a) => surface(a.id)),
				(i) => {
					const area = AREAS[i] as (typeof AREAS)[number];
					return { id: area.id, name: area.name, council: area.council, boundary: 'approximate' };
				}
			),
			county: collection([countyShape], () => ({ name: 'Cumbria' })),
			coastline: {
				type: 'FeatureCollection',
				features: [
					{
						type: 'Feature',
						properties: {},
						geometry: { type: 'MultiLineString', coordinates: coastlineOf(surface('land'), box) }
					}
				]
			},
			places: {
				type: 'FeatureCollection',
				features: labelled.map((p) => placeFeature(p))
			}
		}
	};

	// Never write a file the app would refuse.
	parseBasemap(dataset);
	const json = JSON.stringify(dataset);
	mkdirSync(dirname(OUTPUT), { recursive: true });
	writeFileSync(OUTPUT, json);

	printSummary({
		output: OUTPUT,
		json,
		seconds: (performance.now() - started) / 1000,
		layers: rounded,
		areaKm2: Object.fromEntries(AREAS.map((a) => [a.name, areaKm2(surface(a.id))])),
		countyKm2: areaKm2(countyShape),
		places: labelled.length,
		placesOutside: outside.map((p) => p.name),
		splits
	});
}

function paddedBox(county: Box): Box {
	return {
		west: round5(county.west - MARGIN_DEGREES.lon),
		south: round5(county.south - MARGIN_DEGREES.lat),
		east: round5(county.east + MARGIN_DEGREES.lon),
		north: round5(county.north + MARGIN_DEGREES.lat)
	};
}

/** Lake polygons inside the box, cut to the land (the source also holds tidal water in the Solway). */
function lakesIn(land: MultiPolygon, box: Box): MultiPolygon {
	const nearby = loadLakes()
		.flat(1)
		.filter((polygon) => boxesOverlap(boxOf([[polygon]]), box));
	return intersect(land, nearby).filter((polygon) => areaKm2([polygon]) >= MIN_LAKE_KM2);
}

function collection<P>(surfaces: MultiPolygon[], properties: (index: number) => P) {
	return {
		type: 'FeatureCollection',
		features: surfaces.map((coordinates, i) => ({
			type: 'Feature',
			properties: properties(i),
			geometry:
				coordinates.length === 1
					? { type: 'Polygon', coordinates: coordinates[0] }
					: { type: 'MultiPolygon', coordinates }
		}))
	};
}

function placeFeature(place: Place) {
	return {
		type: 'Feature',
		properties: {
			name: place.name,
			area: place.area,
			population: place.population,
			minZoom: minZoomFor(place.population)
		},
		geometry: { type: 'Point', coordinates: place.position }
	};
}

main();
