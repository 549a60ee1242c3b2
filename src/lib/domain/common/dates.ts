/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. Dates, not instants: a review falls due on a day,
 * whatever the device's time zone, and ISO dates compare correctly as plain strings.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
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

/** A real calendar date as `YYYY-MM-DD`. Rules run on half-typed data, so this copes with junk. */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(iso: string): [year: number, month: number, day: number] {
	if (!isIsoDate(iso)) throw new RangeError(`Expected a date like 2026-03-03, got "${iso}"`);
	return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Throws on anything but a real `YYYY-MM-DD`: a bad `today` is a programming mistake, not user input. */
export function assertIsoDate(iso: string): void {
	parts(iso);
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day (29 February 2024
 * plus 12 months is 28 February 2025), as UK law counts calendar months.
 */
export function addMonths(iso: string, months: number): string {
	const [year, month, day] = parts(iso);
	const index = year * 12 + (month - 1) + months;
	const newYear = Math.floor(index / 12);
	const newMonth = index - newYear * 12 + 1;
	return `${pad(newYear, 4)}-${pad(newMonth)}-${pad(Math.min(day, daysInMonth(newYear, newMonth)))}`;
}

export function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** GOV.UK style: "3 March 2026". */
export function formatLongDate(iso: string): string {
	const [year, month, day] = parts(iso);
	return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** The calendar date of an ISO date-time as it was written (the local date where it was recorded). */
export function dateOf(isoDateTime: string): string {
	return isoDateTime.slice(0, 10);
}

/** The instant of an ISO date-time in ms, or null when it is not one (so callers can skip a bad value). */
export function instant(dateTime: unknown): number | null {
	if (typeof dateTime !== 'string') return null;
	const ms = Date.parse(dateTime);
	return Number.isNaN(ms) ? null : ms;
}

/** Whole years from `dateOfBirth` to `on`: the age a person gives. */
export function ageOn(dateOfBirth: string, on: string): number {
	const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
	return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

const LONDON = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date in the UK for the instant `now`: a 00:30 BST visit belongs to that day, not yesterday. */
export function ukDate(now: Date): string {
	return LONDON.format(now);
}
