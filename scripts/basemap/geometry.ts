import polygonClipping, { type MultiPolygon, type Pair, type Polygon } from 'polygon-clipping';

/** Surfaces are handled as polygon-clipping multipolygons: [polygon][ring][position] = [lon, lat]. */
export type { MultiPolygon, Pair, Polygon };
export type Box = { west: number; south: number; east: number; north: number };

export function boxPolygon({ west, south, east, north }: Box): Polygon {
	return [
		[
			[west, south],
			[east, south],
			[east, north],
			[west, north],
			[west, south]
		]
	];
}

export function boxOf(surfaces: readonly MultiPolygon[]): Box {
	const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
	for (const surface of surfaces)
		for (const [lon, lat] of surface.flat(2)) {
			box.west = Math.min(box.west, lon);
			box.east = Math.max(box.east, lon);
			box.south = Math.min(box.south, lat);
			box.north = Math.max(box.north, lat);
		}
	return box;
}

export function boxesOverlap(a: Box, b: Box): boolean {
	return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

export function union(surfaces: readonly MultiPolygon[]): MultiPolygon {
	const [first, ...rest] = surfaces;
	return first ? polygonClipping.union(first, ...rest) : [];
}

export function intersect(a: MultiPolygon | Polygon, b: MultiPolygon | Polygon): MultiPolygon {
	return polygonClipping.intersection(a, b);
}

/** Even-odd test over all rings of all polygons. */
export function contains(surface: MultiPolygon, [lon, lat]: Pair): boolean {
	let inside = false;
	for (const ring of surface.flat(1))
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i] as Pair;
			const [xj, yj] = ring[j] as Pair;
			if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
		}
	return inside;
}

/** Area in square kilometres, for the summary and to drop slivers (equirectangular: fine at county scale). */
export function areaKm2(surface: MultiPolygon): number {
	let total = 0;
	for (const polygon of surface)
		polygon.forEach((ring, index) => {
			const midLat = ((ring[0]?.[1] ?? 0) * Math.PI) / 180;
			const kx = 111.32 * Math.cos(midLat);
			let twice = 0;
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i] as Pair;
				const [xj, yj] = ring[j] as Pair;
				twice += xj * kx * (yi * 110.57) - xi * kx * (yj * 110.57);
			}
			total += (index === 0 ? 1 : -1) * Math.abs(twice / 2);
		});
	return total;
}

/** Rounds to 5 decimals (about 1 m), then drops repeated positions and rings that collapse. */
export function roundSurface(surface: MultiPolygon): MultiPolygon {
	return surface
		.map((polygon) => polygon.map(roundLine).filter((ring) => ring.length >= 4))
		.filter((polygon) => polygon.length > 0);
}

export function roundLine(line: readonly Pair[]): Pair[] {
	const out: Pair[] = [];
	for (const [lon, lat] of line) {
		const next: Pair = [round5(lon), round5(lat)];
		const last = out[out.length - 1];
		if (!last || last[0] !== next[0] || last[1] !== next[1]) out.push(next);
	}
	return out;
}

export function round5(value: number): number {
	return Math.round(value * 1e5) / 1e5;
}

export function vertexCount(surface: MultiPolygon): number {
	return surface.flat(2).length;
}
