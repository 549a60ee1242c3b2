import { z } from 'zod';
import { formatGridRef, gridSquareCentre, isOnGrid, readGridRef } from './gridref';
import { formatLatLon, LAT_LON_EXAMPLE, readLatLon } from './latlon';
import { osgbToWgs84, wgs84ToOsgb, type LatLon } from './osgb';

export {
	digitsForPrecision,
	formatGridRef,
	GRID_HEIGHT_M,
	GRID_WIDTH_M,
	gridSquareCentre,
	isOnGrid,
	parseGridRef,
	readGridRef,
	type GridRef,
	type GridRefResult
} from './gridref';
export { formatLatLon, parseLatLon, readLatLon, type LatLonResult } from './latlon';
export { osgbToWgs84, wgs84ToOsgb, type GridPoint, type LatLon } from './osgb';

export interface LocationInput extends LatLon {
	/** The 10-digit grid reference of the stored point, for display: 'NY 26345 23368'. */
	gridRef: string;
	/**
	 * For a typed grid reference, the side of its square in metres (1 for 10 digits, 1000 for 4). The stored
	 * point is the square's centre, so it is within precisionM/√2 of the place meant, plus the few metres of
	 * the WGS84 conversion. Absent for a typed latitude/longitude.
	 */
	precisionM?: number;
}

export const LOCATION_EXAMPLE =
	'Enter a grid reference like NY 26345 23368, or a latitude and longitude like 54.6013, -3.1347';

export const MISSING_LETTERS =
	'Add the grid square letters, like NY 26345 23368, or the full easting and northing, like 326345, 523368';

/** Lat/lon outside this box are not converted at all: the projection's series are only good near GB. */
const NEAR_GB = { south: 49, north: 62, west: -11, east: 4 };

/**
 * What a person typed in a location field, as a grid reference or a latitude/longitude, to WGS84 plus the
 * grid reference to show beside it. Grid references pin the centre of their square (see gridref.ts).
 */
export function parseLocationInput(input: string): LocationInput | { error: string } {
	const text = input.trim();
	if (text === '') return { error: LOCATION_EXAMPLE };

	// Two letters then digits (or nothing) is a grid reference; so are two 6–7 digit numbers. 'N 54.6…'
	// has one letter, so latitude/longitude with hemisphere letters never lands here.
	if (/^[a-z]{2}(?:\s*\d|\s*$)/i.test(text) || /^\d{6,7}(?:\.\d+)?[\s,]+\d{6,7}(?:\.\d+)?$/.test(text)) {
		const ref = readGridRef(text);
		if (!ref.ok) return { error: ref.error };
		const centre = gridSquareCentre(ref.value);
		const { lat, lon } = osgbToWgs84(centre);
		const precisionM = ref.value.precisionM;
		return { lat: round(lat), lon: round(lon), gridRef: formatGridRef(centre), precisionM };
	}

	const read = readLatLon(text);
	if (!read.ok) {
		// Digits only, but not a latitude/longitude: most likely a grid reference without its letters.
		if (/^[\d\s,]+$/.test(text) && /\d{3}/.test(text)) return { error: MISSING_LETTERS };
		return { error: read.error === LAT_LON_EXAMPLE ? LOCATION_EXAMPLE : read.error };
	}
	const { lat, lon } = read.value;
	const grid = nearGb(read.value) ? wgs84ToOsgb(read.value) : null;
	if (!grid || !isOnGrid(grid)) {
		const swapped = { lat: lon, lon: lat };
		if (nearGb(swapped) && isOnGrid(wgs84ToOsgb(swapped))) {
			return { error: `Latitude comes first: did you mean ${formatLatLon(swapped)}?` };
		}
		return { error: 'That position is outside the National Grid for Great Britain' };
	}
	return { lat, lon, gridRef: formatGridRef(grid) };
}

/** For forms: the same reading as a zod schema, with the reason as the field's message. */
export const locationInputSchema = z.string({ error: LOCATION_EXAMPLE }).transform((value, ctx) => {
	const result = parseLocationInput(value);
	if ('error' in result) {
		ctx.addIssue({ code: 'custom', message: result.error });
		return z.NEVER;
	}
	return result;
});

function nearGb({ lat, lon }: LatLon): boolean {
	return lat >= NEAR_GB.south && lat <= NEAR_GB.north && lon >= NEAR_GB.west && lon <= NEAR_GB.east;
}

/** Seven decimal places of a degree is about a centimetre: enough, and no floating-point noise stored. */
function round(degrees: number): number {
	return Math.round(degrees * 1e7) / 1e7;
}
