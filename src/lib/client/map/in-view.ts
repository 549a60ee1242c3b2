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
	// One pass keeping the nearest `limit` in order: ten thousand in view must not be sorted on every pan.
	let total = 0;
	const nearest: { p: MapPoint; d: number }[] = [];
	for (const p of points) {
		if (!inBounds(p, bounds)) continue;
		total++;
		const d = distance(p);
		if (nearest.length === limit && d >= (nearest[limit - 1]?.d ?? Infinity)) continue;
		let at = nearest.length;
		while (at > 0 && (nearest[at - 1]?.d ?? 0) > d) at--;
		nearest.splice(at, 0, { p, d });
		if (nearest.length > limit) nearest.pop();
	}
	return { total, nearest: nearest.map(({ p }) => p) };
}
