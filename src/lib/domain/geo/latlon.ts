import type { LatLon } from './osgb';

/**
 * Typed latitude and longitude: decimal degrees (`54.6013, -3.1347`, `54.6013 -3.1347`), degrees and
 * minutes (`54° 36.078′ N, 3° 8.082′ W`) or degrees, minutes and seconds (`54°36'4.7"N 3°8'5"W`),
 * with hemisphere letters before or after, and the quote marks phones substitute for ′ and ″.
 *
 * Latitude comes first unless the letters say otherwise. Anything that could be read two ways is refused
 * with a reason rather than guessed: a wrong guess puts a fire crew in the wrong valley.
 */

export type LatLonResult = { ok: true; value: LatLon } | { ok: false; error: string };

export const LAT_LON_EXAMPLE = 'Enter a latitude and longitude like 54.6013, -3.1347';
const SEPARATE = 'Put a comma between the latitude and longitude, like 54.6013, -3.1347';
const UNIT_ORDER = 'Write degrees, then minutes, then seconds, like 54°36′04.7″ N';
const ONLY_LAST_DECIMAL = 'Only the last number can have decimals, like 54° 36.078′ N';
const TOO_MANY_COMMAS =
	'Use one comma, between latitude and longitude, and full stops for decimals: 54.6013, -3.1347';

type Unit = 'deg' | 'min' | 'sec';
type Token =
	| { kind: 'number'; value: number; negative: boolean; signed: boolean; decimal: boolean; unit: Unit | null }
	| { kind: 'hemisphere'; letter: 'N' | 'S' | 'E' | 'W' }
	| { kind: 'separator' };

interface Group {
	numbers: Extract<Token, { kind: 'number' }>[];
	hemisphere: 'N' | 'S' | 'E' | 'W' | null;
	/** A trailing hemisphere letter ends its coordinate. */
	closed: boolean;
}

const UNITS: Record<string, Unit> = { '°': 'deg', "'": 'min', '"': 'sec' };
const TOKEN = /\s*(?:([NSEW])|([+-]?)(\d+(?:\.\d+)?)\s*([°'"])?|([,;]))/y;

/** A latitude/longitude, or null. `readLatLon` says why not. */
export function parseLatLon(input: string): LatLon | null {
	const result = readLatLon(input);
	return result.ok ? result.value : null;
}

export function readLatLon(input: string): LatLonResult {
	const tokens = tokenise(normalise(input));
	if (!tokens) return fail(LAT_LON_EXAMPLE);
	const groups = group(tokens);
	if (typeof groups === 'string') return fail(groups);
	if (groups.length === 0) return fail(LAT_LON_EXAMPLE);
	if (groups.length === 1 && (groups[0]?.numbers.length ?? 0) <= 1) {
		return fail('Enter both a latitude and a longitude, like 54.6013, -3.1347');
	}
	if (groups.length !== 2) return fail(SEPARATE);

	const [first, second] = groups;
	if (!first || !second) return fail(LAT_LON_EXAMPLE);
	const a = coordinate(first);
	if (typeof a === 'string') return fail(a);
	const b = coordinate(second);
	if (typeof b === 'string') return fail(b);

	// Letters decide which is which; without them latitude comes first.
	const aIsLon = a.axis === 'lon' || (a.axis === null && b.axis === 'lat');
	const bIsLon = b.axis === 'lon' || (b.axis === null && !aIsLon);
	if (aIsLon === bIsLon) return fail('Give one latitude (N or S) and one longitude (E or W)');
	const lat = aIsLon ? b.value : a.value;
	const lon = aIsLon ? a.value : b.value;

	if (Math.abs(lat) > 90) return fail('Latitude must be between 90° S and 90° N');
	if (Math.abs(lon) > 180) return fail('Longitude must be between 180° W and 180° E');
	return { ok: true, value: { lat: lat + 0, lon: lon + 0 } };
}

/**
 * `decimal`: '54.60130, -3.13470' (5 places, about a metre; what other tools paste back in).
 * `dms`: '54°36′04.7″ N, 3°08′05.0″ W' (tenths of a second, about 3 m).
 */
export function formatLatLon({ lat, lon }: LatLon, style: 'decimal' | 'dms' = 'decimal'): string {
	if (style === 'decimal') return `${fixed(lat, 5)}, ${fixed(lon, 5)}`;
	return `${dms(lat, 'N', 'S')}, ${dms(lon, 'E', 'W')}`;
}

function normalise(input: string): string {
	return input
		.trim()
		.toUpperCase()
		.replace(/[º˚]/g, '°')
		.replace(/[′’‘‛´`ʹ]/g, "'")
		.replace(/[″“”‟ʺ]/g, '"')
		.replace(/''/g, '"')
		.replace(/[−–]/g, '-');
}

function tokenise(text: string): Token[] | null {
	const tokens: Token[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < text.length) {
		const start = TOKEN.lastIndex;
		const m = TOKEN.exec(text);
		if (!m) return text.slice(start).trim() === '' ? tokens : null;
		const [, letter, sign, digits, unit, separator] = m;
		if (letter) tokens.push({ kind: 'hemisphere', letter: letter as 'N' | 'S' | 'E' | 'W' });
		else if (separator) tokens.push({ kind: 'separator' });
		else if (digits) {
			tokens.push({
				kind: 'number',
				value: Number(digits),
				negative: sign === '-',
				signed: sign !== '',
				decimal: digits.includes('.'),
				unit: unit ? (UNITS[unit] ?? null) : null
			});
		}
	}
	return tokens;
}

/** Splits the tokens into coordinates; a string is the reason it cannot. */
function group(tokens: Token[]): Group[] | string {
	const separators = tokens.filter((t) => t.kind === 'separator').length;
	if (separators > 1) return TOO_MANY_COMMAS;
	// With a comma or letters to mark the split, bare numbers can be degrees, minutes and seconds.
	const delimited = separators === 1 || tokens.some((t) => t.kind === 'hemisphere');

	const groups: Group[] = [];
	let current: Group = { numbers: [], hemisphere: null, closed: false };
	const next = () => {
		if (current.numbers.length > 0 || current.hemisphere) groups.push(current);
		current = { numbers: [], hemisphere: null, closed: false };
	};
	for (const token of tokens) {
		if (token.kind === 'separator') {
			if (current.numbers.length === 0) return LAT_LON_EXAMPLE;
			next();
		} else if (token.kind === 'hemisphere') {
			if (current.numbers.length === 0 && current.hemisphere) {
				return 'Give one hemisphere letter for each of latitude and longitude';
			}
			// A letter after numbers ends their coordinate (54.6 N) unless it already has one (N 54.6 W 3.1).
			if (current.numbers.length > 0 && current.hemisphere) next();
			current.hemisphere = token.letter;
			current.closed = current.numbers.length > 0;
		} else {
			// A sign or a degree mark starts a coordinate; without a comma or letters, so does any bare number
			// ('54.6013 -3.1347', '54.6013 3.1347').
			const startsNew = token.signed || token.unit === 'deg' || (!delimited && !token.unit);
			if (current.closed || (current.numbers.length > 0 && startsNew)) next();
			current.numbers.push(token);
		}
	}
	next();
	return groups;
}

/** One coordinate in signed degrees, and which axis its letter puts it on; a string is the reason not. */
function coordinate(g: Group): { value: number; axis: 'lat' | 'lon' | null } | string {
	const [degrees, ...rest] = g.numbers;
	if (!degrees) return LAT_LON_EXAMPLE;
	if (g.numbers.length > 3) return SEPARATE;
	const order: Unit[] = ['deg', 'min', 'sec'];
	for (const [i, n] of g.numbers.entries()) {
		if (n.unit && n.unit !== order[i]) return UNIT_ORDER;
		if (i < g.numbers.length - 1 && n.decimal) return ONLY_LAST_DECIMAL;
	}
	if (rest.some((n) => n.value >= 60)) return 'Minutes and seconds must be less than 60';
	if (degrees.negative && g.hemisphere) return 'Use a minus sign or a hemisphere letter (S or W), not both';

	const magnitude = degrees.value + (rest[0]?.value ?? 0) / 60 + (rest[1]?.value ?? 0) / 3600;
	const south = degrees.negative || g.hemisphere === 'S' || g.hemisphere === 'W';
	const axis = g.hemisphere === 'N' || g.hemisphere === 'S' ? 'lat' : g.hemisphere ? 'lon' : null;
	return { value: south ? -magnitude : magnitude, axis };
}

function fixed(value: number, places: number): string {
	const text = value.toFixed(places);
	// No '-0.00000' for a point a hair west of Greenwich.
	return Number(text) === 0 ? (0).toFixed(places) : text;
}

function dms(value: number, positive: string, negative: string): string {
	// Round once, in tenths of a second, so 59.96″ carries into the minutes instead of showing 60.0″.
	const tenths = Math.round(Math.abs(value) * 36000);
	const degrees = Math.floor(tenths / 36000);
	const minutes = Math.floor((tenths % 36000) / 600);
	const seconds = (tenths % 600) / 10;
	const letter = tenths === 0 || value >= 0 ? positive : negative;
	const mm = String(minutes).padStart(2, '0');
	const ss = seconds.toFixed(1).padStart(4, '0');
	return `${degrees}°${mm}′${ss}″ ${letter}`;
}

function fail(error: string): LatLonResult {
	return { ok: false, error };
}
