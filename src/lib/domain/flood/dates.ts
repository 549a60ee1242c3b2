/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. Dates, not instants: a review falls due on a day,
 * whatever the device's time zone, and ISO dates compare correctly as strings.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

export function isIsoDate(value: unknown): value is string {
	return typeof value === 'string' && ISO_DATE.test(value);
}

function parts(isoDate: string): [year: number, month: number, day: number] {
	const match = ISO_DATE.exec(isoDate);
	if (!match) throw new RangeError(`Not a date like 2026-11-23: ${isoDate}`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** `months` later; a day the month lacks becomes its last (29 Feb 2024 + 12 months = 28 Feb 2025). */
export function addMonths(isoDate: string, months: number): string {
	const [year, month, day] = parts(isoDate);
	const index = year * 12 + (month - 1) + months;
	const y = Math.floor(index / 12);
	const m = index - y * 12 + 1;
	const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** As people read dates: `3 March 2025`. */
export function formatDate(isoDate: string): string {
	const [year, month, day] = parts(isoDate);
	return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** The instant of an ISO date-time in ms, or null when it is not one (so callers can skip a bad value). */
export function instant(dateTime: unknown): number | null {
	if (typeof dateTime !== 'string') return null;
	const ms = Date.parse(dateTime);
	return Number.isNaN(ms) ? null : ms;
}
