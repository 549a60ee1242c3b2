import { describe, expect, it } from 'vitest';
import { formatLatLon, LAT_LON_EXAMPLE, parseLatLon, readLatLon } from './latlon';

const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;
/** 1e-9 of a degree is about 0.1 mm: tight enough to catch a slipped minute or second. */
const EXACT = 9;

describe('reading latitude and longitude', () => {
	it.each([
		['54.6013, -3.1347', 54.6013, -3.1347],
		['54.6013 -3.1347', 54.6013, -3.1347],
		['54.6013,-3.1347', 54.6013, -3.1347],
		['54.6013; -3.1347', 54.6013, -3.1347],
		['+54.6013, -3.1347', 54.6013, -3.1347],
		['54.6013, −3.1347', 54.6013, -3.1347],
		['54.6013 3.1347', 54.6013, 3.1347],
		['54, -3', 54, -3],
		['54.6013° -3.1347°', 54.6013, -3.1347],
		['54.6013N 3.1347W', 54.6013, -3.1347],
		['54.6013 N, 3.1347 W', 54.6013, -3.1347],
		['N54.6013 W3.1347', 54.6013, -3.1347],
		['n 54.6013, w 3.1347', 54.6013, -3.1347],
		['N54.6013, 3.1347W', 54.6013, -3.1347],
		['3.1347 W, 54.6013 N', 54.6013, -3.1347],
		['W3.1347 N54.6013', 54.6013, -3.1347],
		['54.6013 N, -3.1347', 54.6013, -3.1347],
		['50.1 S, 70.2 E', -50.1, 70.2],
		[`54°36'4.7"N 3°8'5"W`, dms(54, 36, 4.7), -dms(3, 8, 5)],
		['54°36′4.7″N 3°8′5″W', dms(54, 36, 4.7), -dms(3, 8, 5)],
		['54°36’4.7”N 3°8’5”W', dms(54, 36, 4.7), -dms(3, 8, 5)],
		[`54º36'4.7''N 3º8'5''W`, dms(54, 36, 4.7), -dms(3, 8, 5)],
		[`54° 36' 4.7" N, 3° 8' 5" W`, dms(54, 36, 4.7), -dms(3, 8, 5)],
		['54° 36.078′ N, 3° 8.082′ W', dms(54, 36.078, 0), -dms(3, 8.082, 0)],
		[`54°36.078' -3°8.082'`, dms(54, 36.078, 0), -dms(3, 8.082, 0)],
		[`54 36' 3 8'`, dms(54, 36, 0), dms(3, 8, 0)],
		['54 36 4.7 N 3 8 5 W', dms(54, 36, 4.7), -dms(3, 8, 5)],
		['54 36 4.7, -3 8 5', dms(54, 36, 4.7), -dms(3, 8, 5)],
		['N 54 36 4.7 W 3 8 5', dms(54, 36, 4.7), -dms(3, 8, 5)],
		['0.00001, -0', 0.00001, 0]
	])('%s → %d, %d', (input, lat, lon) => {
		const p = parseLatLon(input);
		expect(p?.lat).toBeCloseTo(lat, EXACT);
		expect(p?.lon).toBeCloseTo(lon, EXACT);
	});

	it('never returns minus zero', () => {
		expect(Object.is(parseLatLon('54, -0')?.lon, 0)).toBe(true);
	});
});

describe('refusing ambiguous or impossible input, with a reason', () => {
	const separate = 'Put a comma between the latitude and longitude, like 54.6013, -3.1347';
	it.each([
		['', LAT_LON_EXAMPLE],
		['Keswick', LAT_LON_EXAMPLE],
		['54.6013 / -3.1347', LAT_LON_EXAMPLE],
		[', 54.6', LAT_LON_EXAMPLE],
		['54.6013', 'Enter both a latitude and a longitude, like 54.6013, -3.1347'],
		['54.6013,', 'Enter both a latitude and a longitude, like 54.6013, -3.1347'],
		['54 36 4.7 3 8 5', separate],
		['54.6 3.1 W', separate],
		['54 36 4.7 3 8 5 1, 2', separate],
		[
			'54,6013, -3,1347',
			'Use one comma, between latitude and longitude, and full stops for decimals: 54.6013, -3.1347'
		],
		['91, 0', 'Latitude must be between 90° S and 90° N'],
		['-90.5 0', 'Latitude must be between 90° S and 90° N'],
		['54, 181', 'Longitude must be between 180° W and 180° E'],
		['95 N, 3 W', 'Latitude must be between 90° S and 90° N'],
		[`54°61'N 3°W`, 'Minutes and seconds must be less than 60'],
		[`54°36'60"N 3°W`, 'Minutes and seconds must be less than 60'],
		['54.6 N, -3.1 W', 'Use a minus sign or a hemisphere letter (S or W), not both'],
		['N54 N3', 'Give one latitude (N or S) and one longitude (E or W)'],
		['3 W, 54 E', 'Give one latitude (N or S) and one longitude (E or W)'],
		['N N 54, 3', 'Give one hemisphere letter for each of latitude and longitude'],
		[`54° 4" 36', 3°`, 'Write degrees, then minutes, then seconds, like 54°36′04.7″ N'],
		['54.5 30, 3', 'Only the last number can have decimals, like 54° 36.078′ N'],
		// A sign starts a new coordinate, so a signed minute reads as a third number.
		['54 -30 N, 3 W', separate]
	])('refuses %j: %s', (input, error) => {
		expect(readLatLon(input)).toEqual({ ok: false, error });
		expect(parseLatLon(input)).toBeNull();
	});
});

describe('formatting latitude and longitude', () => {
	const keswick = { lat: dms(54, 36, 4.7), lon: -dms(3, 8, 5) };

	it('writes signed decimal degrees to 5 places (about a metre) by default', () => {
		expect(formatLatLon(keswick)).toBe('54.60131, -3.13472');
		expect(formatLatLon({ lat: 54.6013, lon: -0.000001 })).toBe('54.60130, 0.00000');
	});

	it('writes degrees, minutes and tenths of a second with hemisphere letters', () => {
		expect(formatLatLon(keswick, 'dms')).toBe('54°36′04.7″ N, 3°08′05.0″ W');
		expect(formatLatLon({ lat: -33.5, lon: 151.25 }, 'dms')).toBe('33°30′00.0″ S, 151°15′00.0″ E');
	});

	it('carries 59.96″ into the next minute and degree instead of writing 60.0″', () => {
		expect(formatLatLon({ lat: dms(54, 59, 59.96), lon: -dms(2, 59, 59.97) }, 'dms')).toBe(
			'55°00′00.0″ N, 3°00′00.0″ W'
		);
	});

	it('reads back what it writes, to the precision written', () => {
		for (const p of [keswick, { lat: 49.9, lon: -6.3 }, { lat: 60.8, lon: 1.7 }, { lat: -0.5, lon: -0.25 }]) {
			const decimal = parseLatLon(formatLatLon(p));
			expect(Math.abs((decimal?.lat ?? NaN) - p.lat)).toBeLessThanOrEqual(0.000005);
			expect(Math.abs((decimal?.lon ?? NaN) - p.lon)).toBeLessThanOrEqual(0.000005);
			const sexagesimal = parseLatLon(formatLatLon(p, 'dms'));
			expect(Math.abs((sexagesimal?.lat ?? NaN) - p.lat)).toBeLessThanOrEqual(0.05 / 3600);
			expect(Math.abs((sexagesimal?.lon ?? NaN) - p.lon)).toBeLessThanOrEqual(0.05 / 3600);
		}
	});
});
