import type { RecordEnvelope } from './records';

/** A record's WGS84 position, if it has a usable one. */
export function locationOf(record: Pick<RecordEnvelope, 'data'>): { lat: number; lon: number } | null {
	const location = record.data.location;
	if (!location || typeof location !== 'object') return null;
	const { lat, lon } = location as Record<string, unknown>;
	if (typeof lat !== 'number' || typeof lon !== 'number') return null;
	if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
		return null;
	return { lat, lon };
}
