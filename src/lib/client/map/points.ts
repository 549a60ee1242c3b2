import { ASSET_KIND_LABELS, ASSET_KINDS, type AssetKind } from '$lib/domain/asset';
import type { AreaId } from '$lib/domain/areas';
import { floodGroupSchema } from '$lib/domain/flood';
import type { LatLon } from '$lib/domain/geo';
import { locationOf } from '$lib/domain/location';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';

/**
 * What the map shows: one point per located thing. Most are a record at its own location; an equipment
 * store is part of its flood group's record, a flood group sits at its town, and a coach referral made at
 * a Safe and Well visit sits at that visit's home. `placedBy` says so in words when it is not the
 * record's own location.
 */

export const MAP_LAYERS = ['assets', 'floodGroups', 'visits', 'referrals'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

export const MAP_LAYER_LABELS: Record<MapLayerId, string> = {
	assets: 'Community assets',
	floodGroups: 'Flood groups and equipment stores',
	visits: 'Safe and Well visits',
	referrals: 'Coach referrals'
};

/** The record types each layer draws. */
export const LAYER_RECORD_TYPES: Record<MapLayerId, RecordType> = {
	assets: 'asset',
	floodGroups: 'floodGroup',
	visits: 'visit',
	referrals: 'referral'
};

/** What a marker shows it is: an asset's kind, or the kind of thing on the other layers. */
export type MapCategory = AssetKind | 'floodGroup' | 'equipmentStore' | 'visit' | 'referral';

export const CATEGORY_LABELS: Record<MapCategory, string> = {
	...ASSET_KIND_LABELS,
	floodGroup: 'Flood group',
	equipmentStore: 'Flood equipment store',
	visit: 'Safe and Well visit',
	referral: 'Coach referral'
};

export interface MapPoint {
	/** Unique on the map: the record's id, or `<group id>/store/<store id>` for an equipment store. */
	key: string;
	recordId: string;
	recordType: RecordType;
	layer: MapLayerId;
	category: MapCategory;
	areaId: AreaId;
	/** The record's lifecycle state, as its list filters by it, and that state in words. */
	status: string;
	statusLabel: string;
	lat: number;
	lon: number;
	accuracyM?: number;
	title: string;
	detail: string;
	/** Why the point is where it is, when that is not the record's own location. */
	placedBy?: string;
}

/** A point's kind and details in one line, without saying the kind twice (an asset's details start with it). */
export function describePoint(p: MapPoint): string {
	const rest = detailBesideKind(p);
	return rest ? `${CATEGORY_LABELS[p.category]} · ${rest}` : CATEGORY_LABELS[p.category];
}

/** A point's details without its kind, for where the kind is already shown. */
export function detailBesideKind(p: MapPoint): string {
	const kind = CATEGORY_LABELS[p.category];
	if (p.detail === kind) return '';
	return p.detail.startsWith(`${kind} · `) ? p.detail.slice(kind.length + 3) : p.detail;
}

/** What the map reads of a record: a whole record, or the map's own small row of it (see store/map-places). */
export type MapRecord = Pick<RecordEnvelope, 'id' | 'type' | 'areaId' | 'data'>;

export interface PointSources {
	/** A town's centre from the offline base layer's gazetteer, for flood groups (which have no point). */
	townAt?: (town: string) => LatLon | undefined;
}

export interface MapPoints {
	points: MapPoint[];
	/** Records whose data could not be read (older versions, damaged): left off the map, counted. */
	unreadable: number;
}

/** Every located thing in these records. Archived records are the caller's to leave out. */
export function mapPoints(records: readonly MapRecord[], sources: PointSources = {}): MapPoints {
	const visits = new Map<string, MapRecord>();
	for (const record of records) if (record.type === 'visit') visits.set(record.id, record);

	const points: MapPoint[] = [];
	let unreadable = 0;
	for (const record of records) {
		try {
			points.push(...pointsOf(record, { ...sources, visits }));
		} catch {
			unreadable++;
		}
	}
	return { points, unreadable };
}

type Context = PointSources & { visits: ReadonlyMap<string, MapRecord> };

function pointsOf(record: MapRecord, context: Context): MapPoint[] {
	switch (record.type) {
		case 'asset':
			return located(record, 'assets', assetKind(record.data.kind));
		case 'visit':
			return located(record, 'visits', 'visit');
		case 'referral':
			return referralPoints(record, context.visits);
		case 'floodGroup':
			return floodGroupPoints(record, context.townAt);
		default:
			return [];
	}
}

function located(record: MapRecord, layer: MapLayerId, category: MapCategory): MapPoint[] {
	const at = locationOf(record);
	return at ? [point(record, layer, category, { ...at, accuracyM: accuracyOf(record.data.location) })] : [];
}

/**
 * A referral has no location of its own. One made at a Safe and Well visit is for someone living there,
 * so it is shown at the visit's home, but only while both records give the same postcode: a person who
 * has moved is not shown at their old home.
 */
function referralPoints(record: MapRecord, visits: ReadonlyMap<string, MapRecord>): MapPoint[] {
	const visitId = record.data.visitId;
	const visit = typeof visitId === 'string' ? visits.get(visitId) : undefined;
	const at = visit ? locationOf(visit) : null;
	if (!visit || !at) return [];
	const home = postcodeAt(record.data, 'person', 'address', 'postcode');
	if (!home || home !== postcodeAt(visit.data, 'address', 'postcode')) return [];
	return [
		point(record, 'referrals', 'referral', {
			...at,
			accuracyM: accuracyOf(visit.data.location),
			placedBy: 'At the home of the Safe and Well visit it came from'
		})
	];
}

function floodGroupPoints(record: MapRecord, townAt: Context['townAt']): MapPoint[] {
	const group = floodGroupSchema.parse(record.data);
	const points: MapPoint[] = [];
	const town = townAt?.(group.town);
	if (town) {
		points.push(
			point(record, 'floodGroups', 'floodGroup', {
				lat: town.lat,
				lon: town.lon,
				placedBy: `Shown at the centre of ${group.town}`
			})
		);
	}
	for (const store of group.equipmentStores) {
		if (!store.location) continue;
		const { lat, lon, accuracyM } = store.location;
		points.push({
			...point(record, 'floodGroups', 'equipmentStore', { lat, lon, accuracyM }),
			key: `${record.id}/store/${store.id}`,
			title: store.name,
			detail: `Equipment store of ${group.name}`
		});
	}
	return points;
}

function point(
	record: MapRecord,
	layer: MapLayerId,
	category: MapCategory,
	at: { lat: number; lon: number; accuracyM?: number; placedBy?: string }
): MapPoint {
	const kind = kindOf(record.type);
	const status = kind.status(record.data);
	const result: MapPoint = {
		key: record.id,
		recordId: record.id,
		recordType: record.type,
		layer,
		category,
		areaId: record.areaId,
		status,
		statusLabel: kind.statusLabels[status] ?? status,
		lat: at.lat,
		lon: at.lon,
		title: kind.title(record.data),
		detail: kind.detail(record.data)
	};
	if (at.accuracyM !== undefined) result.accuracyM = at.accuracyM;
	if (at.placedBy) result.placedBy = at.placedBy;
	return result;
}

function assetKind(value: unknown): AssetKind {
	const kind = ASSET_KINDS.find((k) => k === value);
	if (!kind) throw new TypeError('asset without a kind');
	return kind;
}

/** A postcode deep in a record's data, without spaces and in capitals, so two spellings compare equal. */
function postcodeAt(data: unknown, ...path: string[]): string | undefined {
	let value = data;
	for (const key of path) {
		value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	}
	return typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : undefined;
}

function accuracyOf(location: unknown): number | undefined {
	const accuracy =
		location && typeof location === 'object' ? (location as { accuracyM?: unknown }).accuracyM : undefined;
	return typeof accuracy === 'number' && Number.isFinite(accuracy) && accuracy >= 0 ? accuracy : undefined;
}
