/** Time arithmetic in UTC milliseconds, so output never depends on the machine's time zone. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const YEAR_MS = Math.round(365.2425 * DAY_MS);

const PAD = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function pad(n: number, width: 2 | 3): string {
	const padded = PAD[n] ?? String(n);
	return width === 3 ? padded : padded.slice(1);
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, the same as `toISOString()` for years 0–9999 but several times faster
 * (Howard Hinnant's days-to-civil), which matters when 50,000 records need two or three each.
 */
export function isoTime(ms: number): string {
	const days = Math.floor(ms / DAY_MS);
	let rest = ms - days * DAY_MS;
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
	const hours = Math.floor(rest / HOUR_MS);
	rest -= hours * HOUR_MS;
	const minutes = Math.floor(rest / MINUTE_MS);
	rest -= minutes * MINUTE_MS;
	const seconds = Math.floor(rest / 1000);
	const millis = Math.floor(rest - seconds * 1000);
	return (
		`${String(year).padStart(4, '0')}-${pad(month, 2)}-${pad(day, 2)}` +
		`T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}Z`
	);
}

/** `YYYY-MM-DD` */
export function isoDay(ms: number): string {
	return isoTime(ms).slice(0, 10);
}

export function floorTo(ms: number, step: number): number {
	return Math.floor(ms / step) * step;
}
