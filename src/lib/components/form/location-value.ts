import type { FieldError } from '$lib/domain/common/errors';
import {
	formatGridRef,
	formatLatLon,
	isOnGrid,
	parseLocationInput,
	wgs84ToOsgb,
	type LatLon
} from '$lib/domain/geo';

/**
 * A location field's value as a form holds it (and its draft keeps it): the text in the box, and the point
 * behind it when the device, the map or the saved record gave one. While the box still reads as that
 * point, the point is stored exactly, with its accuracy; once the person changes the text, what they
 * typed is read instead.
 */
export interface LocationValue {
	/** A grid reference or latitude and longitude, as typed or as written for the point. */
	position: string;
	point?: PlacedPoint;
}

export interface PlacedPoint extends LatLon {
	/** How far off the place may be, in metres, when known. */
	accuracyM?: number;
	/** Where it came from: this device's location, a pin on the map, or the record as saved. */
	source: 'device' | 'map' | 'record';
}

/** What is stored: WGS84 and, when known, the accuracy in metres. */
export interface StoredPoint extends LatLon {
	accuracyM?: number;
}

/** Above this a device's fix is not good enough to find a door by: the form says so. */
export const ACCURACY_WARNING_M = 50;

export const emptyLocation = (): LocationValue => ({ position: '' });

/** A point as people here write it: a grid reference, or latitude and longitude off the grid. */
export function positionText(point: LatLon): string {
	const grid = wgs84ToOsgb(point);
	return isOnGrid(grid) ? formatGridRef(grid) : formatLatLon(point);
}

/** The value for a point the device, the map or the record gave. */
export function locationFromPoint(point: PlacedPoint): LocationValue {
	const placed: PlacedPoint = { lat: round(point.lat), lon: round(point.lon), source: point.source };
	if (point.accuracyM !== undefined) placed.accuracyM = Math.max(0, Math.round(point.accuracyM));
	return { position: positionText(placed), point: placed };
}

/** A saved record's location (or none) as the field's value. */
export function locationFromRecord(location: unknown): LocationValue {
	if (!location || typeof location !== 'object') return emptyLocation();
	const { lat, lon, accuracyM } = location as Partial<StoredPoint>;
	if (typeof lat !== 'number' || typeof lon !== 'number') return emptyLocation();
	// Kept exactly as saved (no rounding), so an unchanged form stores the very same point.
	const point: PlacedPoint = { lat, lon, source: 'record' };
	if (typeof accuracyM === 'number') point.accuracyM = accuracyM;
	return { position: positionText(point), point };
}

/** What a saved location holds besides its point (UPRN, address, postcode), kept when the point changes. */
export function locationExtras(location: unknown): Record<string, unknown> {
	if (!location || typeof location !== 'object') return {};
	const { lat: _lat, lon: _lon, accuracyM: _accuracy, ...extras } = location as Record<string, unknown>;
	return extras;
}

/** The point a value stands for, unless the text has been changed since it was set. */
export function currentPoint(value: LocationValue): PlacedPoint | undefined {
	return value.point && value.position.trim() === positionText(value.point) ? value.point : undefined;
}

export type LocationReading =
	{ ok: true; location: StoredPoint | undefined; precisionM?: number } | { ok: false; error: string };

/** What the field stores: nothing when blank, the point set, or what the person typed. */
export function readLocation(value: LocationValue): LocationReading {
	const typed = value.position.trim();
	if (!typed) return { ok: true, location: undefined };
	const point = currentPoint(value);
	if (point) {
		const location: StoredPoint = { lat: point.lat, lon: point.lon };
		if (point.accuracyM !== undefined) location.accuracyM = point.accuracyM;
		return { ok: true, location };
	}
	const parsed = parseLocationInput(typed);
	if ('error' in parsed) return { ok: false, error: parsed.error };
	const location: StoredPoint = { lat: parsed.lat, lon: parsed.lon };
	// A short grid reference names a square, not a point: the place may be up to half its diagonal away.
	if (parsed.precisionM !== undefined && parsed.precisionM > 1) {
		location.accuracyM = Math.round(parsed.precisionM / Math.SQRT2);
	}
	return { ok: true, location, precisionM: parsed.precisionM };
}

/** What the form shows under the box: what will be stored, in the ways people read places. */
export interface LocationDescription {
	gridRef?: string;
	latLon: string;
	/** How sure the point is, in words. */
	accuracy?: string;
	/** Said when the device's fix is too rough to rely on. */
	warning?: string;
}

export function describeLocation(value: LocationValue): LocationDescription | null {
	const reading = readLocation(value);
	if (!reading.ok || !reading.location) return null;
	const { location } = reading;
	const grid = wgs84ToOsgb(location);
	const description: LocationDescription = { latLon: formatLatLon(location) };
	if (isOnGrid(grid)) description.gridRef = formatGridRef(grid);
	const source = currentPoint(value)?.source;
	const metres = location.accuracyM;
	if (source === 'device' && metres !== undefined) {
		description.accuracy = `From this device's location, accurate to about ${metres} ${plural(metres)}`;
		if (metres > ACCURACY_WARNING_M) {
			description.warning = `This device's location is only accurate to about ${metres} metres. Check it with Pick on map, or type a grid reference.`;
		}
	} else if (source === 'map' && metres !== undefined) {
		description.accuracy = `Placed on the map, to within about ${metres} ${plural(metres)}`;
	} else if (source === 'record') {
		description.accuracy =
			metres !== undefined ? `As saved, to within about ${metres} ${plural(metres)}` : 'As saved';
	} else if (reading.precisionM !== undefined && reading.precisionM > 1) {
		description.accuracy = `The centre of a ${reading.precisionM} metre square`;
	}
	return description;
}

/** Shows a problem the field found itself (no location from the device) through the form's error summary. */
export function reportFieldProblem(
	form: { errors: FieldError[]; showErrors(errors: FieldError[]): void },
	path: string
): (message: string | null) => void {
	return (message) => {
		const others = form.errors.filter((e) => e.path !== path);
		form.showErrors(message ? [...others, { path, message }] : others);
	};
}

function plural(metres: number): string {
	return metres === 1 ? 'metre' : 'metres';
}

/** Seven decimal places of a degree is about a centimetre. */
function round(degrees: number): number {
	return Math.round(degrees * 1e7) / 1e7;
}
