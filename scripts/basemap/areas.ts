import { Delaunay } from 'd3-delaunay';
import type { AreaId } from '../../src/lib/domain/areas';
import { boxOf, contains, intersect, union, type MultiPolygon, type Pair } from './geometry';

/**
 * Splits the county into the six former districts. Constituencies nest in the county and mostly follow
 * district edges. Every town claims the land nearest to it (Voronoi over all towns, with longitude scaled
 * by cos(latitude) so distances are true), but inside a constituency only the areas that have a town in it
 * may own land: a share claimed from outside goes to the nearest town inside.
 */
export type Seed = { name: string; area: AreaId; position: Pair };
export type Constituency = { name: string; surface: MultiPolygon };
export type Split = { constituency: string; areas: AreaId[] };

export function splitIntoAreas(
	constituencies: readonly Constituency[],
	allSeeds: readonly Seed[]
): { areas: Map<AreaId, MultiPolygon>; splits: Split[] } {
	const seeds = uniquePositions(allSeeds);
	const cells = voronoiCells(seeds, boxOf(constituencies.map((c) => c.surface)));
	const pieces = new Map<AreaId, MultiPolygon[]>();
	const splits: Split[] = [];
	for (const constituency of constituencies) {
		const inside = seeds.filter((s) => contains(constituency.surface, s.position));
		if (inside.length === 0)
			throw new Error(`No GeoNames place lies in ${constituency.name}: cannot assign it to an area`);
		const present = new Set(inside.map((s) => s.area));
		seeds.forEach((seed, i) => {
			const cell = cells[i];
			const share = cell ? intersect(constituency.surface, cell) : [];
			if (share.length === 0) return;
			const area = present.has(seed.area) ? seed.area : nearest(seed.position, inside).area;
			pieces.set(area, [...(pieces.get(area) ?? []), share]);
		});
		splits.push({ constituency: constituency.name, areas: [...present].sort() });
	}
	const areas = new Map<AreaId, MultiPolygon>();
	for (const [area, parts] of [...pieces].sort(([a], [b]) => a.localeCompare(b)))
		areas.set(area, union(parts));
	return { areas, splits };
}

function voronoiCells(seeds: readonly Seed[], box: ReturnType<typeof boxOf>): (MultiPolygon | null)[] {
	const k = Math.cos((((box.south + box.north) / 2) * Math.PI) / 180);
	const voronoi = Delaunay.from(
		seeds,
		(s) => s.position[0] * k,
		(s) => s.position[1]
	).voronoi([box.west * k - 0.1, box.south - 0.1, box.east * k + 0.1, box.north + 0.1]);
	return seeds.map((_, i) => {
		const cell = voronoi.cellPolygon(i) as Pair[] | null;
		return cell ? [[cell.map(([x, y]) => [x / k, y] as Pair)]] : null;
	});
}

function nearest(position: Pair, seeds: readonly Seed[]): Seed {
	const k = Math.cos((position[1] * Math.PI) / 180);
	const distance = (s: Seed) => ((s.position[0] - position[0]) * k) ** 2 + (s.position[1] - position[1]) ** 2;
	return seeds.reduce((best, s) => (distance(s) < distance(best) ? s : best));
}

/** Two GeoNames entries at the same spot would give Voronoi an empty cell: keep the first. */
function uniquePositions(seeds: readonly Seed[]): Seed[] {
	const seen = new Set<string>();
	return seeds.filter((s) => {
		const key = s.position.join(',');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
