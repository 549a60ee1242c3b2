import { describe, expect, it } from 'vitest';
import {
	LOCATION_EXAMPLE,
	locationInputSchema,
	MISSING_LETTERS,
	parseGridRef,
	parseLocationInput,
	wgs84ToOsgb,
	type LatLon,
	type LocationInput
} from './index';

/** OSTN15 developer-pack test point TP24, in Carlisle: ETRS89 (≈ WGS84) and its OSTN15 easting/northing. */
const TP24 = { lat: 54.8954234042, lon: -2.93827741149, easting: 339921.145, northing: 556034.761 };

function ok(input: string): LocationInput {
	const result = parseLocationInput(input);
	if ('error' in result) throw new Error(`${input}: ${result.error}`);
	return result;
}

/** Distance on the grid between where a WGS84 point lands and a grid position. */
function gridMetres(p: LatLon, easting: number, northing: number): number {
	const g = wgs84ToOsgb(p);
	return Math.hypot(g.easting - easting, g.northing - northing);
}

describe('parseLocationInput: grid references', () => {
	it('pins a 10-digit reference at the centre of its metre, and shows it as typed', () => {
		const result = ok('NY 26345 23368');
		expect(result.gridRef).toBe('NY 26345 23368');
		expect(result.precisionM).toBe(1);
		// The WGS84 point goes back to the square's centre within 1 cm (the 7-place rounding).
		expect(gridMetres(result, 326345.5, 523368.5)).toBeLessThan(0.01);
	});

	it.each([
		['NY2623', 'NY 26500 23500', 1000],
		['ny 263 233', 'NY 26350 23350', 100],
		['NY 2 2', 'NY 25000 25000', 10000],
		['326345, 523368', 'NY 26345 23368', 1],
		['326345 523368', 'NY 26345 23368', 1]
	])('pins %s at its square’s centre, %s, to %i m', (input, gridRef, precisionM) => {
		const result = ok(input);
		expect(result.gridRef).toBe(gridRef);
		expect(result.precisionM).toBe(precisionM);
	});

	it('puts Carlisle’s OSTN15 test point (TP24, NY 39921 56034) within 5 m of its WGS84 position', () => {
		const result = ok('NY 39921 56034');
		const r = Math.PI / 180;
		const north = (result.lat - TP24.lat) * r * 6371008.8;
		const east = (result.lon - TP24.lon) * r * 6371008.8 * Math.cos(TP24.lat * r);
		// Measured 1.2 m: the Helmert's 0.77 m here plus pinning the centre of the 1 m square.
		expect(Math.hypot(north, east)).toBeLessThan(5);
	});

	it.each([
		['NY', 'NY on its own is a 100 km square: add the digits, like NY 26345 23368'],
		['NY263', 'A grid reference needs an even number of digits'],
		['TZ 1234', 'TZ is not a grid square in Great Britain. Enter a grid reference like NY 26345 23368'],
		['800000, 100000', 'That easting and northing are outside the National Grid']
	])('refuses %j: %s', (input, error) => {
		expect(parseLocationInput(input)).toEqual({ error });
	});
});

describe('parseLocationInput: latitude and longitude', () => {
	it('keeps the typed WGS84 position and adds its 10-digit grid reference', () => {
		const result = ok(`${TP24.lat}, ${TP24.lon}`);
		expect(result).toMatchObject({ lat: TP24.lat, lon: TP24.lon });
		expect(result.precisionM).toBeUndefined();
		// Within 5 m of the OSTN15 answer (measured 1.2 m: the Helmert's 0.77 m, then truncation to the metre).
		const shown = parseGridRef(result.gridRef);
		expect(shown && Math.hypot(shown.easting - TP24.easting, shown.northing - TP24.northing)).toBeLessThan(5);
	});

	const keswick = [
		`54°36'4.7"N 3°8'5"W`,
		'54° 36.078′ N, 3° 8.082′ W',
		'54.6013, -3.1347',
		'N54.6013 W3.1347'
	];
	it.each(keswick)('reads %s as a point near Keswick, in NY 2x 2x', (input) => {
		expect(ok(input).gridRef).toMatch(/^NY 2\d{4} 2\d{4}$/);
	});

	it('spots latitude and longitude typed the wrong way round', () => {
		expect(parseLocationInput('-3.1347, 54.6013')).toEqual({
			error: 'Latitude comes first: did you mean 54.60130, -3.13470?'
		});
	});

	it.each([
		['40.7128, -74.0060', 'That position is outside the National Grid for Great Britain'],
		['49.5, -2.5', 'That position is outside the National Grid for Great Britain'],
		['91, 0', 'Latitude must be between 90° S and 90° N'],
		['54.6013', 'Enter both a latitude and a longitude, like 54.6013, -3.1347']
	])('refuses %j: %s', (input, error) => {
		expect(parseLocationInput(input)).toEqual({ error });
	});
});

describe('parseLocationInput: neither', () => {
	it.each(['', '   ', 'Keswick', 'by the bridge'])('asks for either form for %j', (input) => {
		expect(parseLocationInput(input)).toEqual({ error: LOCATION_EXAMPLE });
	});

	it.each(['26345 23368', '2634523368'])('asks for the letters when only digits are typed: %j', (input) => {
		expect(parseLocationInput(input)).toEqual({ error: MISSING_LETTERS });
	});
});

describe('the whole grid is reachable both ways', () => {
	it.each([
		['SV 00000 00000', 'SV 00000 00000'],
		['JM 99999 99999', 'JM 99999 99999'],
		['HL 00000 99999', 'HL 00000 99999'],
		['TV 99999 00000', 'TV 99999 00000']
	])('%s → WGS84 → %s', (input, gridRef) => {
		const there = ok(input);
		expect(ok(`${there.lat}, ${there.lon}`).gridRef).toBe(gridRef);
	});
});

describe('locationInputSchema', () => {
	it('gives a form the parsed location', () => {
		const result = locationInputSchema.safeParse('NY 26345 23368');
		expect(result.success && result.data.gridRef).toBe('NY 26345 23368');
	});

	it('gives a form the reason as the field message', () => {
		const result = locationInputSchema.safeParse('NY263');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('A grid reference needs an even number of digits');
		expect(locationInputSchema.safeParse(undefined).error?.issues[0]?.message).toBe(LOCATION_EXAMPLE);
	});
});
