import type { GridPoint } from './osgb';

/**
 * OS National Grid references: two letters for the 100 km square, then an even number of digits split
 * evenly between easting and northing (4 digits = 1 km square, 6 = 100 m, 8 = 10 m, 10 = 1 m). See the OS
 * guide "A guide to coordinate systems in Great Britain", "The National Grid reference convention", and OS's
 * "The National Grid" (the grid extends 700 km east and 1300 km north of the false origin).
 *
 * A reference names a square, not a point, and its digits are the square's south-west corner (OS
 * convention: truncate, never round). `parseGridRef` returns that corner, so parsing and formatting
 * round-trip exactly, with `precisionM`, the side of the square. To pin a reference on a map use
 * `gridSquareCentre`: the centre is never more than precisionM/√2 from the place meant; the corner can be
 * precisionM·√2 away.
 */

export interface GridRef extends GridPoint {
	/** Side of the square the reference names, in metres: 1 for 10 digits … 10 000 for 2. */
	precisionM: number;
}

export type GridRefResult = { ok: true; value: GridRef } | { ok: false; error: string };

/** The National Grid's lettered extent: 7 × 13 squares of 100 km from the false origin (SV 00 00). */
export const GRID_WIDTH_M = 700_000;
export const GRID_HEIGHT_M = 1_300_000;

export const GRID_REF_EXAMPLE = 'Enter a grid reference like NY 26345 23368';

/** Letters A–Z without I, in the 5 × 5 arrangement the grid letters are drawn from. */
const LETTERS = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';

export function isOnGrid({ easting, northing }: GridPoint): boolean {
	return easting >= 0 && easting < GRID_WIDTH_M && northing >= 0 && northing < GRID_HEIGHT_M;
}

/** A grid reference, or null. `readGridRef` says why not. */
export function parseGridRef(input: string): GridRef | null {
	const result = readGridRef(input);
	return result.ok ? result.value : null;
}

/**
 * Reads `NY 26345 23368`, `NY2634523368`, `ny 263 233`, `NY2623`, `NY 2 2`, or an easting and northing
 * in full metres (`326345, 523368`, `326345 523368`: six or seven digits each, so never a latitude).
 */
export function readGridRef(input: string): GridRefResult {
	const text = input
		.trim()
		.toUpperCase()
		.replace(/[\s,]+/g, ' ');
	if (text === '') return fail(GRID_REF_EXAMPLE);

	const full = /^(\d{6,7}(?:\.\d+)?) (\d{6,7}(?:\.\d+)?)$/.exec(text);
	if (full) return readFull(full[1] ?? '', full[2] ?? '');

	const lettered = /^([A-Z]{2}) ?(\d[\d ]*)?$/.exec(text);
	if (!lettered) return fail(GRID_REF_EXAMPLE);
	const letters = lettered[1] ?? '';
	const square = squareOrigin(letters);
	if (!square) return fail(`${letters} is not a grid square in Great Britain. ${GRID_REF_EXAMPLE}`);

	const groups = (lettered[2] ?? '').split(' ').filter((group) => group !== '');
	if (groups.length === 0) {
		return fail(`${letters} on its own is a 100 km square: add the digits, like NY 26345 23368`);
	}
	if (groups.length > 2) return fail(GRID_REF_EXAMPLE);
	const digits = groups.join('');
	if (digits.length > 10) return fail('A grid reference has at most 10 digits');
	if (groups.length === 2 && groups[0]?.length !== groups[1]?.length) {
		return fail('The easting and northing need the same number of digits, like NY 26345 23368');
	}
	if (digits.length % 2 !== 0) return fail('A grid reference needs an even number of digits');

	const half = digits.length / 2;
	const precisionM = 10 ** (5 - half);
	return {
		ok: true,
		value: {
			easting: square.easting + Number(digits.slice(0, half)) * precisionM,
			northing: square.northing + Number(digits.slice(half)) * precisionM,
			precisionM
		}
	};
}

/**
 * `{ easting, northing }` as a grid reference with `digits` figures (2–10, even): 'NY 26345 23368'.
 * Truncates to the square containing the point, as OS do. Throws RangeError off the grid.
 */
export function formatGridRef(point: GridPoint, digits = 10): string {
	if (!Number.isInteger(digits) || digits < 2 || digits > 10 || digits % 2 !== 0) {
		throw new RangeError('A grid reference has 2, 4, 6, 8 or 10 digits');
	}
	// A micrometre's allowance so a computed 326344.9999999 still reads as the metre it means.
	const easting = Math.floor(point.easting + 1e-6);
	const northing = Math.floor(point.northing + 1e-6);
	if (!Number.isFinite(easting) || !Number.isFinite(northing) || !isOnGrid({ easting, northing })) {
		throw new RangeError('That position is outside the National Grid');
	}
	const half = digits / 2;
	const unit = 10 ** (5 - half);
	const e = String(Math.floor((easting % 100_000) / unit)).padStart(half, '0');
	const n = String(Math.floor((northing % 100_000) / unit)).padStart(half, '0');
	return `${squareLetters(Math.floor(easting / 100_000), Math.floor(northing / 100_000))} ${e} ${n}`;
}

/** The centre of the square a reference names: the best single point to pin for it. */
export function gridSquareCentre(ref: GridRef): GridPoint {
	return { easting: ref.easting + ref.precisionM / 2, northing: ref.northing + ref.precisionM / 2 };
}

/** The number of digits a reference of this precision is written with (1 m → 10, 1 km → 4). */
export function digitsForPrecision(precisionM: number): number {
	const digits = 2 * (5 - Math.round(Math.log10(precisionM)));
	return Math.min(10, Math.max(2, digits));
}

function readFull(eastingText: string, northingText: string): GridRefResult {
	const easting = Number(eastingText);
	const northing = Number(northingText);
	if (!isOnGrid({ easting, northing })) {
		return fail('That easting and northing are outside the National Grid');
	}
	// Whole metres name a 1 m square, like a 10-figure reference; decimals name a finer one.
	const decimals = Math.max(decimalPlaces(eastingText), decimalPlaces(northingText));
	return { ok: true, value: { easting, northing, precisionM: 10 ** -decimals } };
}

/**
 * The south-west corner of a 100 km square from its letters. The first letter is a 500 km square and
 * the second a 100 km square within it, each lettered A–Z without I in rows of five from the north-west.
 * Counted in 100 km steps from the north-west of that 2500 km lettered grid, the false origin (south-west
 * of SV) is 10 columns east and 20 rows south, hence the offsets.
 */
function squareOrigin(letters: string): GridPoint | null {
	const first = LETTERS.indexOf(letters.charAt(0));
	const second = LETTERS.indexOf(letters.charAt(1));
	if (first < 0 || second < 0) return null;
	const column = (first % 5) * 5 + (second % 5) - 10;
	const row = 19 - Math.floor(first / 5) * 5 - Math.floor(second / 5);
	const point = { easting: column * 100_000, northing: row * 100_000 };
	return isOnGrid(point) ? point : null;
}

function squareLetters(column: number, row: number): string {
	// The inverse of squareOrigin: columns from the west and rows from the north of the 2500 km lettered grid.
	const x = column + 10;
	const y = 19 - row;
	const first = Math.floor(y / 5) * 5 + Math.floor(x / 5);
	const second = (y % 5) * 5 + (x % 5);
	return `${LETTERS.charAt(first)}${LETTERS.charAt(second)}`;
}

function decimalPlaces(text: string): number {
	const dot = text.indexOf('.');
	return dot < 0 ? 0 : text.length - dot - 1;
}

function fail(error: string): GridRefResult {
	return { ok: false, error };
}
