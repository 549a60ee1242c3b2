import type { AreaId } from '$lib/domain/areas';
import type { AssetKind } from '$lib/domain/asset';
import { kindOf } from '$lib/domain/record-kinds';
import { LAYER_RECORD_TYPES, MAP_LAYERS, type MapLayerId, type MapPoint } from './points';

/** What the person has chosen to see: layers on, and filters by asset kind, area and status. */
export interface MapFilters {
	layers: MapLayerId[];
	/** Asset kinds shown; empty shows every kind. */
	assetKinds: AssetKind[];
	areaId?: AreaId;
	/** One layer's status, as `<layer>:<status>` (see `statusValue`); other layers are left as they are. */
	status?: string;
}

export const ALL_LAYERS: MapFilters = { layers: [...MAP_LAYERS], assetKinds: [] };

/** `?layers=assets,visits` on the map's address (a bookmark, a link): absent means every layer, empty none. */
export function layersFromQuery(value: string | null): MapLayerId[] {
	if (value === null) return [...MAP_LAYERS];
	const wanted = value.split(',').map((word) => word.trim());
	return MAP_LAYERS.filter((layer) => wanted.includes(layer));
}

export function statusValue(layer: MapLayerId, status: string): string {
	return `${layer}:${status}`;
}

/** The points the filters let through. */
export function filterPoints(points: readonly MapPoint[], filters: MapFilters): MapPoint[] {
	const layers = new Set(filters.layers);
	const kinds = new Set<string>(filters.assetKinds);
	return points.filter(
		(p) =>
			layers.has(p.layer) &&
			(p.layer !== 'assets' || kinds.size === 0 || kinds.has(p.category)) &&
			(!filters.areaId || p.areaId === filters.areaId) &&
			(!filters.status ||
				!filters.status.startsWith(`${p.layer}:`) ||
				filters.status === statusValue(p.layer, p.status))
	);
}

/** The status choices for the layers that are on, grouped by layer, in each type's own order. */
export function statusChoices(
	layers: readonly MapLayerId[]
): { layer: MapLayerId; options: { value: string; label: string }[] }[] {
	return MAP_LAYERS.filter((layer) => layers.includes(layer)).map((layer) => ({
		layer,
		options: Object.entries(kindOf(LAYER_RECORD_TYPES[layer]).statusLabels).map(([status, label]) => ({
			value: statusValue(layer, status),
			label
		}))
	}));
}
