import { z } from 'zod';
import { AREAS, areaIdSchema, type AreaId } from '../areas';

/**
 * The offline base map of Cumbria (static/basemap/cumbria.json, format in its README): county, the six
 * areas, land, coastline, lakes and places, each a GeoJSON FeatureCollection in WGS84 [lon, lat].
 */
export const BASEMAP_FORMAT = 'fellside-basemap';
export const BASEMAP_VERSION = 1;

/** Where the app serves the file (static/basemap/cumbria.json). */
export const BASEMAP_URL = '/basemap/cumbria.json';

const longitude = z.number().min(-180).max(180);
const latitude = z.number().min(-90).max(90);
export const positionSchema = z.tuple([longitude, latitude]);
export type Position = z.infer<typeof positionSchema>;

const ringSchema = z
	.array(positionSchema)
	.min(4, 'A polygon ring needs at least four positions')
	.refine((ring) => samePosition(ring[0], ring[ring.length - 1]), 'A polygon ring must end where it starts');

const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1) });
const multiPolygonSchema = z.object({
	type: z.literal('MultiPolygon'),
	coordinates: z.array(z.array(ringSchema).min(1)).min(1)
});
const surfaceSchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);
export type Surface = z.infer<typeof surfaceSchema>;

const lineSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('LineString'), coordinates: z.array(positionSchema).min(2) }),
	z.object({
		type: z.literal('MultiLineString'),
		coordinates: z.array(z.array(positionSchema).min(2)).min(1)
	})
]);
const pointSchema = z.object({ type: z.literal('Point'), coordinates: positionSchema });

function layerOf<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
	const feature = z.object({ type: z.literal('Feature'), properties, geometry });
	return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });
}

const noProperties = z.object({}).strict();

const areaPropertiesSchema = z.object({
	id: areaIdSchema,
	name: z.string().min(1),
	council: z.string().min(1),
	boundary: z.literal('approximate')
});

const placePropertiesSchema = z.object({
	name: z.string().min(1),
	area: areaIdSchema,
	population: z.number().int().min(0).nullable(),
	/** The lowest zoom at which the place should be labelled, so small villages do not crowd the county view. */
	minZoom: z.number().int().min(8).max(12)
});
export type PlaceProperties = z.infer<typeof placePropertiesSchema>;

const sourceSchema = z.object({
	id: z.string().min(1),
	title: z.string().min(1),
	package: z.string().min(1),
	licence: z.string().min(1),
	licenceUrl: z.url(),
	attribution: z.string().min(1),
	usedFor: z.array(z.string().min(1)).min(1)
});

export const basemapSchema = z
	.object({
		format: z.literal(BASEMAP_FORMAT),
		version: z.literal(BASEMAP_VERSION),
		title: z.string().min(1),
		bbox: z.tuple([longitude, latitude, longitude, latitude]),
		attribution: z.string().min(1),
		sources: z.array(sourceSchema).min(1),
		notes: z.array(z.string().min(1)),
		layers: z.object({
			land: layerOf(surfaceSchema, noProperties),
			lakes: layerOf(surfaceSchema, noProperties),
			areas: layerOf(surfaceSchema, areaPropertiesSchema),
			county: layerOf(surfaceSchema, z.object({ name: z.string().min(1) })),
			coastline: layerOf(lineSchema, noProperties),
			places: layerOf(pointSchema, placePropertiesSchema)
		})
	})
	.superRefine((map, ctx) => {
		const ids = map.layers.areas.features.map((f) => f.properties.id);
		for (const area of AREAS) {
			const count = ids.filter((id) => id === area.id).length;
			if (count !== 1)
				ctx.addIssue({
					code: 'custom',
					path: ['layers', 'areas'],
					message: `The areas layer must hold ${area.name} exactly once (found ${count})`
				});
		}
		if (map.layers.county.features.length !== 1)
			ctx.addIssue({
				code: 'custom',
				path: ['layers', 'county'],
				message: 'The county layer must hold exactly one feature'
			});
		const [west, south, east, north] = map.bbox;
		if (west >= east || south >= north)
			ctx.addIssue({
				code: 'custom',
				path: ['bbox'],
				message: 'The box must run west to east and south to north'
			});
	});

export type Basemap = z.infer<typeof basemapSchema>;
export type AreaFeature = Basemap['layers']['areas']['features'][number];
export type PlaceFeature = Basemap['layers']['places']['features'][number];
/** [west, south, east, north] in degrees. */
export type BBox = Basemap['bbox'];

export class BasemapError extends Error {
	override name = 'BasemapError';
}

/** Checks a loaded base map; throws a BasemapError naming the first problems (never draws half a map). */
export function parseBasemap(data: unknown): Basemap {
	if (typeof data === 'object' && data !== null && 'version' in data && data.version !== BASEMAP_VERSION)
		throw new BasemapError(
			`This base map is version ${String(data.version)}; this app reads version ${BASEMAP_VERSION}`
		);
	const result = basemapSchema.safeParse(data);
	if (result.success) return result.data;
	const problems = result.error.issues
		.slice(0, 3)
		.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
	const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
	throw new BasemapError(`The base map is not valid: ${problems.join('; ')}${more}`);
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
	return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Even-odd ray casting over every ring, so holes (e.g. a lake island) count as outside. */
function inRings(lon: number, lat: number, rings: readonly (readonly Position[])[]): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i] as Position;
			const [xj, yj] = ring[j] as Position;
			if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** Whether a WGS84 point lies inside a polygon or multipolygon. */
export function surfaceContains(surface: Surface, point: { lat: number; lon: number }): boolean {
	const polygons = surface.type === 'Polygon' ? [surface.coordinates] : surface.coordinates;
	return polygons.some((rings) => inRings(point.lon, point.lat, rings));
}

/** The area whose (approximate) shape holds the point, or null outside the county. For display only. */
export function areaAt(map: Basemap, point: { lat: number; lon: number }): AreaId | null {
	const hit = map.layers.areas.features.find((f) => surfaceContains(f.geometry, point));
	return hit ? hit.properties.id : null;
}

/** Whether the point lies inside the county boundary. */
export function inCounty(map: Basemap, point: { lat: number; lon: number }): boolean {
	return map.layers.county.features.some((f) => surfaceContains(f.geometry, point));
}

export function areaFeature(map: Basemap, id: AreaId): AreaFeature {
	const feature = map.layers.areas.features.find((f) => f.properties.id === id);
	if (!feature) throw new BasemapError(`The base map has no ${id} area`);
	return feature;
}

/** A place by name, ignoring case and spacing ("barrow in furness" finds "Barrow in Furness"). */
export function findPlace(map: Basemap, name: string): PlaceFeature | undefined {
	const wanted = placeKey(name);
	return map.layers.places.features.find((f) => placeKey(f.properties.name) === wanted);
}

function placeKey(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, ' ');
}

/** The places worth labelling at a zoom level, largest first so labels that collide keep the bigger town. */
export function placesToLabel(map: Basemap, zoom: number): PlaceFeature[] {
	return map.layers.places.features
		.filter((f) => f.properties.minZoom <= zoom)
		.sort((a, b) => (b.properties.population ?? 0) - (a.properties.population ?? 0));
}

/** The box around a surface, e.g. to fit the map to one area. */
export function boundsOf(surface: Surface): BBox {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	const polygons = surface.type === 'Polygon' ? [surface.coordinates] : surface.coordinates;
	for (const rings of polygons)
		for (const [lon, lat] of rings.flat()) {
			west = Math.min(west, lon);
			east = Math.max(east, lon);
			south = Math.min(south, lat);
			north = Math.max(north, lat);
		}
	return [west, south, east, north];
}

/** Leaflet's order: [[south, west], [north, east]] (latitude first). */
export function toLatLngBounds([west, south, east, north]: BBox): [[number, number], [number, number]] {
	return [
		[south, west],
		[north, east]
	];
}
