/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, done in UTC so results never depend on the device's
 * time zone. Rules run on data that may still hold half-typed dates, so every helper copes with junk.
 */

const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function addDays(isoDate: string, days: number): string {
	return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date of an ISO date-time as it was written (the local date where it was recorded). */
export function dateOf(isoDateTime: string): string {
	return isoDateTime.slice(0, 10);
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
