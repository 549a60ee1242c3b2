import { inBounds, type Bounds } from './clusters';
import type { MapPoint } from './points';

/**
 * The list beside the map, for anyone who cannot use the map itself: the places in view, nearest the
 * centre first, and how many there are in all.
 */
export function placesInView(
	points: readonly MapPoint[],
	bounds: Bounds,
	limit: number
): { total: number; nearest: MapPoint[] } {
	const centre = { lat: (bounds.north + bounds.south) / 2, lon: (bounds.east + bounds.west) / 2 };
	// A degree of longitude is shorter than one of latitude up here: scale it so "nearest" looks right.
	const squash = Math.cos((centre.lat * Math.PI) / 180) ** 2;
	const distance = (p: MapPoint) => (p.lat - centre.lat) ** 2 + squash * (p.lon - centre.lon) ** 2;
	const inside = points.filter((p) => inBounds(p, bounds));
	const nearest = inside
		.map((p) => ({ p, d: distance(p) }))
		.sort((a, b) => a.d - b.d || a.p.title.localeCompare(b.p.title, 'en-GB'))
		.slice(0, limit)
		.map(({ p }) => p);
	return { total: inside.length, nearest };
}
