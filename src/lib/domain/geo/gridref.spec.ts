import { describe, expect, it } from 'vitest';
import {
	digitsForPrecision,
	formatGridRef,
	GRID_REF_EXAMPLE,
	gridSquareCentre,
	isOnGrid,
	parseGridRef,
	readGridRef
} from './gridref';

describe('parsing grid references (the south-west corner of the square, exactly)', () => {
	it.each([
		['NY 2 2', 320000, 520000, 10000],
		['NY2623', 326000, 523000, 1000],
		['NY 26 23', 326000, 523000, 1000],
		['ny 263 233', 326300, 523300, 100],
		['NY 2634 2336', 326340, 523360, 10],
		['NY 26345 23368', 326345, 523368, 1],
		['NY2634523368', 326345, 523368, 1],
		['  ny  26345,  23368 ', 326345, 523368, 1],
		['SD 1234 5678', 312340, 456780, 10],
		// OS, "The National Grid": the Tower of London is TQ 336805, and TQ 6 3 is a 10 km square.
		['TQ 336805', 533600, 180500, 100],
		['TQ 6 3', 560000, 130000, 10000],
		// The false origin, the grid's far north-east metre, and Ben Nevis's 100 m square (NN 166 712).
		['SV 00000 00000', 0, 0, 1],
		['JM 99999 99999', 699999, 1299999, 1],
		['NN 166 712', 216600, 771200, 100]
	])('%s → E %i, N %i, to %i m', (input, easting, northing, precisionM) => {
		expect(parseGridRef(input)).toEqual({ easting, northing, precisionM });
	});

	it.each([
		['326345, 523368', 326345, 523368, 1],
		['326345 523368', 326345, 523368, 1],
		['326345,523368', 326345, 523368, 1],
		['009587 899448', 9587, 899448, 1],
		['395999 1138728', 395999, 1138728, 1],
		['326345.5, 523368.25', 326345.5, 523368.25, 0.01]
	])('a full easting and northing %s → E %d, N %d, to %d m', (input, easting, northing, precisionM) => {
		expect(parseGridRef(input)).toEqual({ easting, northing, precisionM });
	});

	it('knows exactly the 91 lettered squares of the 700 km × 1300 km grid, each round-tripping', () => {
		const letters = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';
		let squares = 0;
		for (const first of letters) {
			for (const second of letters) {
				const ref = parseGridRef(`${first}${second} 0 0`);
				if (!ref) continue;
				squares++;
				expect(ref.easting % 100000).toBe(0);
				expect(formatGridRef(ref, 2)).toBe(`${first}${second} 0 0`);
			}
		}
		expect(squares).toBe(91);
	});

	it.each([
		['SV', 0, 0],
		['NY', 300000, 500000],
		['SD', 300000, 400000],
		['NH', 200000, 800000],
		['HP', 400000, 1200000],
		['TV', 500000, 0],
		['TG', 600000, 300000],
		['HL', 0, 1200000]
	])('puts square %s at E %i, N %i', (letters, easting, northing) => {
		expect(parseGridRef(`${letters} 00 00`)).toMatchObject({ easting, northing });
	});
});

describe('refusing what is not a grid reference, with a reason', () => {
	it.each([
		['', GRID_REF_EXAMPLE],
		['hello', GRID_REF_EXAMPLE],
		['N 2634 2336', GRID_REF_EXAMPLE],
		['NY 2634a', GRID_REF_EXAMPLE],
		['NY 26 34 23', GRID_REF_EXAMPLE],
		['326345', GRID_REF_EXAMPLE],
		['54.6013, -3.1347', GRID_REF_EXAMPLE],
		['NY', 'NY on its own is a 100 km square: add the digits, like NY 26345 23368'],
		['NY263', 'A grid reference needs an even number of digits'],
		['NY 2634523', 'A grid reference needs an even number of digits'],
		['NY 263 23', 'The easting and northing need the same number of digits, like NY 26345 23368'],
		['NY 123456 123456', 'A grid reference has at most 10 digits'],
		['TZ 1234', `TZ is not a grid square in Great Britain. ${GRID_REF_EXAMPLE}`],
		['IA 1234', `IA is not a grid square in Great Britain. ${GRID_REF_EXAMPLE}`],
		['AA 1234', `AA is not a grid square in Great Britain. ${GRID_REF_EXAMPLE}`],
		['800000, 100000', 'That easting and northing are outside the National Grid'],
		['100000 1300000', 'That easting and northing are outside the National Grid']
	])('refuses %j: %s', (input, error) => {
		expect(readGridRef(input)).toEqual({ ok: false, error });
		expect(parseGridRef(input)).toBeNull();
	});
});

describe('formatting grid references', () => {
	const point = { easting: 326345, northing: 523368 };

	it.each([
		[2, 'NY 2 2'],
		[4, 'NY 26 23'],
		[6, 'NY 263 233'],
		[8, 'NY 2634 2336'],
		[10, 'NY 26345 23368']
	])('to %i digits: %s', (digits, expected) => {
		expect(formatGridRef(point, digits)).toBe(expected);
		// And back: the parsed corner formats to the same text.
		const parsed = parseGridRef(expected);
		expect(parsed && formatGridRef(parsed, digits)).toBe(expected);
	});

	it('defaults to 10 digits', () => {
		expect(formatGridRef(point)).toBe('NY 26345 23368');
	});

	it('truncates to the square containing the point, never rounds (OS convention)', () => {
		expect(formatGridRef({ easting: 326399.9, northing: 523399.9 }, 6)).toBe('NY 263 233');
		expect(formatGridRef({ easting: 326345.99, northing: 523368.5 })).toBe('NY 26345 23368');
	});

	it('keeps leading zeros within the square', () => {
		expect(formatGridRef({ easting: 300045, northing: 500007 })).toBe('NY 00045 00007');
		// St Kilda, OSTN15 test point TP31: a 4-digit easting.
		expect(formatGridRef({ easting: 9587.909, northing: 899448.996 })).toBe('NF 09587 99448');
	});

	it('reads a computed 326344.9999999 as the metre it means', () => {
		expect(formatGridRef({ easting: 326345 - 1e-9, northing: 523368 })).toBe('NY 26345 23368');
	});

	it.each([0, 1, 3, 12, 2.5])('refuses %d digits', (digits) => {
		expect(() => formatGridRef(point, digits)).toThrow(RangeError);
	});

	it.each([
		{ easting: -1, northing: 0 },
		{ easting: 700000, northing: 0 },
		{ easting: 0, northing: 1300000 },
		{ easting: Number.NaN, northing: 0 }
	])('refuses a point off the grid: %o', (p) => {
		expect(() => formatGridRef(p)).toThrow(RangeError);
	});
});

describe('helpers', () => {
	it('gives the centre of the square a reference names', () => {
		expect(gridSquareCentre({ easting: 326000, northing: 523000, precisionM: 1000 })).toEqual({
			easting: 326500,
			northing: 523500
		});
		expect(gridSquareCentre({ easting: 326345, northing: 523368, precisionM: 1 })).toEqual({
			easting: 326345.5,
			northing: 523368.5
		});
	});

	it.each([
		[1, 10],
		[10, 8],
		[100, 6],
		[1000, 4],
		[10000, 2],
		[0.01, 10]
	])('writes a %d m square with %i digits', (precisionM, digits) => {
		expect(digitsForPrecision(precisionM)).toBe(digits);
	});

	it('knows the grid’s extent', () => {
		expect(isOnGrid({ easting: 0, northing: 0 })).toBe(true);
		expect(isOnGrid({ easting: 699999.9, northing: 1299999.9 })).toBe(true);
		expect(isOnGrid({ easting: 700000, northing: 5 })).toBe(false);
		expect(isOnGrid({ easting: 5, northing: -0.1 })).toBe(false);
	});
});
