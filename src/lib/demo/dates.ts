/** Time arithmetic in UTC milliseconds, so output never depends on the machine's time zone. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const YEAR_MS = Math.round(365.2425 * DAY_MS);

const PAD = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
// `THH:mm:`, `ss.` and `sssZ`: a time of day is three look-ups, not a dozen small strings.
const HOURS_MINUTES = Array.from(
	{ length: 1440 },
	(_, m) => `T${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}:`
);
const SECONDS = Array.from({ length: 60 }, (_, s) => `${pad(s, 2)}.`);
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `${pad(ms, 3)}Z`);
// Records share a few thousand days between them, so each day's `YYYY-MM-DD` is worked out once:
// an array by day from 1900 to 2100 (birth dates to bookings), faster than a Map with number keys.
const FIRST_DAY = -25_567;
const DAYS: (string | undefined)[] = new Array<string | undefined>(73_049);

function pad(n: number, width: 2 | 3): string {
	const padded = PAD[n] ?? String(n);
	return width === 3 ? padded : padded.slice(1);
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, the same as `toISOString()` for years 0–9999 but several times faster,
 * which matters when 50,000 records need several each.
 */
export function isoTime(ms: number): string {
	const days = Math.floor(ms / DAY_MS);
	const rest = ms - days * DAY_MS;
	const minutes = Math.floor(rest / MINUTE_MS);
	const millis = rest - minutes * MINUTE_MS;
	const seconds = Math.floor(millis / 1000);
	return (
		dayOf(days) +
		(HOURS_MINUTES[minutes] as string) +
		(SECONDS[seconds] as string) +
		(MILLIS[Math.floor(millis - seconds * 1000)] as string)
	);
}

/** `YYYY-MM-DD` */
export function isoDay(ms: number): string {
	return dayOf(Math.floor(ms / DAY_MS));
}

function dayOf(days: number): string {
	const i = days - FIRST_DAY;
	const cached = DAYS[i];
	if (cached !== undefined) return cached;
	const day = civil(days);
	if (i >= 0 && i < DAYS.length) DAYS[i] = day;
	return day;
}

/** Days since 1970-01-01 as `YYYY-MM-DD` (Howard Hinnant's days-to-civil, no Date objects). */
function civil(days: number): string {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function floorTo(ms: number, step: number): number {
	return Math.floor(ms / step) * step;
}
