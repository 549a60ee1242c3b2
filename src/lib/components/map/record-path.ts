import { resolve } from '$app/paths';
import type { MapPoint } from '$lib/client/map/points';

/** The page of the record a map point stands for (a store's is its flood group's). */
export function recordPath(point: Pick<MapPoint, 'recordType' | 'recordId'>): string {
	const id = point.recordId;
	switch (point.recordType) {
		case 'asset':
			return resolve('/assets/[id]', { id });
		case 'visit':
			return resolve('/visits/[id]', { id });
		case 'referral':
			return resolve('/referrals/[id]', { id });
		default:
			return resolve('/flood-groups/[id]', { id });
	}
}

/** "Show on map" from a record's page: the map, centred on the record with its summary open. */
export function mapPathFor(recordId: string): string {
	return `${resolve('/map')}?${new URLSearchParams({ record: recordId }).toString()}`;
}
