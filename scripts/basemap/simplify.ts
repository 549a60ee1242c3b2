import type { GeoJsonObject, MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { MultiPolygon as TopoMultiPolygon, Objects, Topology } from 'topojson-specification';
import type { MultiPolygon } from './geometry';

/**
 * Simplifies every surface together as one topology, so an edge shared by two areas (or by an area and the
 * county) is simplified once and stays shared: no slivers or gaps between neighbours.
 * `toleranceMetres` is the side of the smallest triangle (Visvalingam's effective area) that survives.
 */
export function simplifyTogether(
	surfaces: Record<string, MultiPolygon>,
	toleranceMetres: number
): Record<string, MultiPolygon> {
	const objects: Record<string, GeoJsonObject> = {};
	for (const [name, coordinates] of Object.entries(surfaces))
		objects[name] = { type: 'MultiPolygon', coordinates } as GeoMultiPolygon;

	const earthRadius = 6_371_008.8;
	const minWeight = (toleranceMetres * toleranceMetres) / (earthRadius * earthRadius);
	const simplified = simplify(
		presimplify(topology(objects) as Topology<Objects>, sphericalTriangleArea),
		minWeight
	);

	const out: Record<string, MultiPolygon> = {};
	for (const name of Object.keys(surfaces)) {
		const simple = feature(simplified, simplified.objects[name] as TopoMultiPolygon);
		out[name] = toMultiPolygon(simple.geometry as GeoPolygon | GeoMultiPolygon | null);
	}
	return out;
}

function toMultiPolygon(geometry: GeoPolygon | GeoMultiPolygon | null): MultiPolygon {
	if (!geometry) return [];
	return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as MultiPolygon;
}
