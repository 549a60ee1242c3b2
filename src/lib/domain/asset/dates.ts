/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. No `Date`: a device's time zone must never move a day,
 * and ISO dates compare correctly as plain strings.
 */

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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [year: number, month: number, day: number] {
	const match = ISO_DATE.exec(iso);
	const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
	if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		throw new Error(`Expected a date like 2026-03-03, got "${iso}"`);
	}
	return [year, month, day];
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

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
	const newMonth = (index % 12) + 1;
	const newDay = Math.min(day, daysInMonth(newYear, newMonth));
	return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}-${String(newDay).padStart(2, '0')}`;
}

/** GOV.UK style: "3 March 2026". */
export function formatLongDate(iso: string): string {
	const [year, month, day] = parts(iso);
	return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
