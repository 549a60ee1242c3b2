import Supercluster from 'supercluster';
import { MAP_LAYERS, type MapLayerId, type MapPoint } from './points';

/**
 * The points grouped into clusters for one view, with supercluster: the index is built once per set of
 * points (about 50 ms for 10,000 on a phone) and each view is then a quick look-up, so panning and
 * zooming only ever draw the few hundred markers in sight.
 */

/** The county fills a phone's screen at about 7.5: no map zooms out further, so no clusters are made for it. */
export const MAP_MIN_ZOOM = 7;
export const MAP_MAX_ZOOM = 18;
/** Past this zoom nothing is clustered: points at the same spot are listed together instead. */
export const CLUSTER_MAX_ZOOM = 16;

export interface Bounds {
	west: number;
	south: number;
	east: number;
	north: number;
}

type LayerCounts = Record<MapLayerId, number>;

/**
 * A marker for several places: supercluster's clusters (by id) and single points, merged when they would
 * have been drawn on top of each other.
 */
export interface ClusterItem {
	kind: 'cluster';
	key: string;
	lat: number;
	lon: number;
	count: number;
	layers: LayerCounts;
	clusterIds: number[];
	points: MapPoint[];
}

export type MapItem = ClusterItem | { kind: 'point'; key: string; lat: number; lon: number; point: MapPoint };

/**
 * Markers closer than this on screen are drawn as one: the biggest marker is 44 px, so none covers more
 * than a sliver of another and every one stays a 24 px target (WCAG 2.5.8).
 */
export const MARKER_SPACING_PX = 40;

interface PointProps {
	index: number;
}

export class PointIndex {
	readonly points: readonly MapPoint[];
	readonly #index: Supercluster<PointProps, LayerCounts>;

	constructor(points: readonly MapPoint[]) {
		this.points = points;
		this.#index = new Supercluster<PointProps, LayerCounts>({
			// Supercluster's radius is in 512ths of a tile; Leaflet's tiles are 256 px, so this is 40 px on screen.
			radius: MARKER_SPACING_PX * 2,
			minZoom: MAP_MIN_ZOOM,
			maxZoom: CLUSTER_MAX_ZOOM,
			map: (props) => countOne(this.points[props.index]?.layer),
			reduce: (total, add) => {
				for (const layer of MAP_LAYERS) total[layer] += add[layer];
			}
		});
		this.#index.load(
			points.map((p, index) => ({
				type: 'Feature',
				properties: { index },
				geometry: { type: 'Point', coordinates: [p.lon, p.lat] }
			}))
		);
	}

	/** The markers in view at this zoom (fractional zooms too), never two on top of each other. */
	itemsIn(bounds: Bounds, zoom: number): MapItem[] {
		const box: [number, number, number, number] = [
			clamp(bounds.west, -180, 180),
			clamp(bounds.south, -90, 90),
			clamp(bounds.east, -180, 180),
			clamp(bounds.north, -90, 90)
		];
		const items = this.#index.getClusters(box, Math.floor(zoom)).flatMap((feature): MapItem[] => {
			const [lon = 0, lat = 0] = feature.geometry.coordinates;
			const props = feature.properties;
			if ('cluster' in props && props.cluster) {
				const { cluster_id: clusterId, point_count: count } = props;
				return [
					{
						kind: 'cluster',
						key: `cluster:${clusterId}`,
						lat,
						lon,
						count,
						layers: countsOf(props),
						clusterIds: [clusterId],
						points: []
					}
				];
			}
			const point = this.points[(props as PointProps).index];
			return point ? [{ kind: 'point', key: point.key, lat, lon, point }] : [];
		});
		return spaced(items, zoom);
	}

	/**
	 * The zoom that opens a cluster up, or null when its places are as good as on one spot (they are then
	 * listed instead): one of supercluster's opens where it splits; merged markers one step at a time.
	 */
	zoomToOpen(item: ClusterItem, zoom: number, maxZoom: number): number | null {
		const [only] = item.clusterIds;
		if (only !== undefined && item.clusterIds.length === 1 && item.points.length === 0) {
			const next = this.#index.getClusterExpansionZoom(only);
			// Past the last clustering zoom its places are metres apart: list them rather than zoom in.
			return next <= Math.min(CLUSTER_MAX_ZOOM, maxZoom) ? next : null;
		}
		const next = Math.floor(zoom) + 1;
		return next <= maxZoom ? next : null;
	}

	/** The places a marker stands for, up to `limit`. */
	pointsIn(item: ClusterItem, limit = Infinity): MapPoint[] {
		const found = [...item.points];
		for (const id of item.clusterIds) {
			if (found.length >= limit) break;
			const leaves = this.#index.getLeaves(id, limit - found.length);
			found.push(...leaves.flatMap((leaf) => this.points[leaf.properties.index] ?? []));
		}
		return found.slice(0, limit);
	}
}

/**
 * Merges markers that would be drawn closer than MARKER_SPACING_PX, biggest first: a smaller one joins the
 * bigger marker it is near, which stays where it was, so no merge can move a marker onto another.
 */
function spaced(items: MapItem[], zoom: number): MapItem[] {
	const scale = 256 * 2 ** zoom;
	const cell = MARKER_SPACING_PX;
	const grid = new Map<string, { x: number; y: number; item: MapItem }[]>();
	const kept: { x: number; y: number; item: MapItem }[] = [];
	const sorted = [...items].sort(
		(a, b) => countOf(b) - countOf(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
	for (const item of sorted) {
		const x = ((item.lon + 180) / 360) * scale;
		const sin = Math.sin((item.lat * Math.PI) / 180);
		const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
		const cx = Math.floor(x / cell);
		const cy = Math.floor(y / cell);
		let near: { x: number; y: number; item: MapItem } | undefined;
		for (let dx = -1; dx <= 1 && !near; dx++) {
			for (let dy = -1; dy <= 1 && !near; dy++) {
				near = grid.get(`${cx + dx},${cy + dy}`)?.find((k) => Math.hypot(k.x - x, k.y - y) < cell);
			}
		}
		if (near) {
			near.item = merge(near.item, item);
			continue;
		}
		const entry = { x, y, item };
		kept.push(entry);
		const key = `${cx},${cy}`;
		const inCell = grid.get(key);
		if (inCell) inCell.push(entry);
		else grid.set(key, [entry]);
	}
	return kept.map((k) => k.item);
}

function merge(into: MapItem, add: MapItem): ClusterItem {
	const base: ClusterItem =
		into.kind === 'cluster'
			? { ...into, layers: { ...into.layers }, clusterIds: [...into.clusterIds], points: [...into.points] }
			: {
					kind: 'cluster',
					key: into.key,
					lat: into.lat,
					lon: into.lon,
					count: 1,
					layers: countOne(into.point.layer),
					clusterIds: [],
					points: [into.point]
				};
	base.key = into.key.endsWith('+') ? into.key : `${into.key}+`;
	base.count += countOf(add);
	if (add.kind === 'cluster') {
		for (const layer of MAP_LAYERS) base.layers[layer] += add.layers[layer];
		base.clusterIds.push(...add.clusterIds);
		base.points.push(...add.points);
	} else {
		base.layers[add.point.layer] += 1;
		base.points.push(add.point);
	}
	return base;
}

function countOf(item: MapItem): number {
	return item.kind === 'cluster' ? item.count : 1;
}

/** How many of each layer a cluster holds, in words: "9 community assets, 3 Safe and Well visits". */
export function describeCounts(layers: LayerCounts, words: Record<MapLayerId, [string, string]>): string {
	return MAP_LAYERS.filter((layer) => layers[layer] > 0)
		.map((layer) => `${layers[layer]} ${layers[layer] === 1 ? words[layer][0] : words[layer][1]}`)
		.join(', ');
}

/** Whether a point is inside the bounds (the map never crosses the antimeridian here). */
export function inBounds(p: { lat: number; lon: number }, b: Bounds): boolean {
	return p.lat >= b.south && p.lat <= b.north && p.lon >= b.west && p.lon <= b.east;
}

function countOne(layer: MapLayerId | undefined): LayerCounts {
	const counts = { assets: 0, floodGroups: 0, visits: 0, referrals: 0 };
	if (layer) counts[layer] = 1;
	return counts;
}

function countsOf(props: Partial<LayerCounts>): LayerCounts {
	return {
		assets: props.assets ?? 0,
		floodGroups: props.floodGroups ?? 0,
		visits: props.visits ?? 0,
		referrals: props.referrals ?? 0
	};
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}
