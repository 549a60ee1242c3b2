import Supercluster from 'supercluster';
import { MAP_LAYERS, type MapLayerId, type MapPoint } from './points';

/**
 * The points grouped into clusters for one view, with supercluster: the index is built once per set of
 * points (about 50 ms for 10,000 on a phone) and each view is then a quick look-up, so panning and
 * zooming only ever draw the few hundred markers in sight.
 */

/** Past this zoom nothing is clustered: points at the same spot are listed together instead. */
export const CLUSTER_MAX_ZOOM = 16;

export interface Bounds {
	west: number;
	south: number;
	east: number;
	north: number;
}

type LayerCounts = Record<MapLayerId, number>;

export type MapItem =
	| {
			kind: 'cluster';
			key: string;
			clusterId: number;
			lat: number;
			lon: number;
			count: number;
			layers: LayerCounts;
	  }
	| { kind: 'point'; key: string; lat: number; lon: number; point: MapPoint };

interface PointProps {
	index: number;
}

export class PointIndex {
	readonly points: readonly MapPoint[];
	readonly #index: Supercluster<PointProps, LayerCounts>;

	constructor(points: readonly MapPoint[]) {
		this.points = points;
		this.#index = new Supercluster<PointProps, LayerCounts>({
			radius: 60,
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

	/** The clusters and single points in view at this zoom. */
	itemsIn(bounds: Bounds, zoom: number): MapItem[] {
		const box: [number, number, number, number] = [
			clamp(bounds.west, -180, 180),
			clamp(bounds.south, -90, 90),
			clamp(bounds.east, -180, 180),
			clamp(bounds.north, -90, 90)
		];
		return this.#index.getClusters(box, Math.floor(zoom)).flatMap((feature): MapItem[] => {
			const [lon = 0, lat = 0] = feature.geometry.coordinates;
			const props = feature.properties;
			if ('cluster' in props && props.cluster) {
				const { cluster_id: clusterId, point_count: count } = props;
				const layers = countsOf(props);
				return [{ kind: 'cluster', key: `cluster:${clusterId}`, clusterId, lat, lon, count, layers }];
			}
			const point = this.points[(props as PointProps).index];
			return point ? [{ kind: 'point', key: point.key, lat, lon, point }] : [];
		});
	}

	/** The zoom at which a cluster splits; above CLUSTER_MAX_ZOOM its points share one spot. */
	expansionZoom(clusterId: number): number {
		return this.#index.getClusterExpansionZoom(clusterId);
	}

	/** The points in a cluster, nearest the first few only when asked for a limit. */
	pointsIn(clusterId: number, limit = Infinity): MapPoint[] {
		return this.#index
			.getLeaves(clusterId, limit)
			.flatMap((leaf) => this.points[leaf.properties.index] ?? []);
	}
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
