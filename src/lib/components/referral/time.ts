import { formatLongDate } from '$lib/domain/common/dates';

/**
 * Times as the coaches mean them: UK wall-clock time, stored as ISO date-times with the UK offset
 * of that moment (`2026-09-03T10:05:00+01:00`). The date part is then the UK calendar day, which
 * the referral's rules compare with "date received"; a UTC stamp would put a 00:30 BST call on the
 * day before.
 */

const LONDON = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
	timeZoneName: 'longOffset'
});

type Parts = { date: string; time: string; offset: string };

function londonParts(ms: number): Parts {
	const get = (type: Intl.DateTimeFormatPartTypes) =>
		LONDON.formatToParts(new Date(ms)).find((p) => p.type === type)?.value ?? '';
	// "GMT" in winter, "GMT+01:00" in summer.
	const zone = get('timeZoneName').replace('GMT', '');
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}:${get('second')}`,
		offset: zone === '' ? '+00:00' : zone
	};
}

/** The instant `ms` as an ISO date-time in UK time with its offset. */
export function ukDateTime(ms: number = Date.now()): string {
	const { date, time, offset } = londonParts(ms);
	return `${date}T${time}${offset}`;
}

/** For a `datetime-local` input: `2026-09-03T10:05`, in UK time. Blank when there is no time. */
export function toLocalInput(iso: string | undefined): string {
	if (!iso) return '';
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return '';
	const { date, time } = londonParts(ms);
	return `${date}T${time.slice(0, 5)}`;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/;

/**
 * A `datetime-local` value read as UK time, as an ISO date-time with the offset in force then.
 * Anything else comes back unchanged, so the schema reports it in its own words.
 */
export function fromLocalInput(value: string): string {
	const match = LOCAL.exec(value);
	if (!match) return value;
	const wall = `${match[1]}T${match[2]}${match[3] ?? ':00'}`;
	const asUtc = Date.parse(`${wall}Z`);
	if (Number.isNaN(asUtc)) return value;
	// The offset at the guessed instant, checked again at the corrected one (clock-change days).
	const offsetMs = (ms: number) => Date.parse(`${londonParts(ms).date}T${londonParts(ms).time}Z`) - ms;
	let ms = asUtc - offsetMs(asUtc);
	ms = asUtc - offsetMs(ms);
	return `${wall}${londonParts(ms).offset}`;
}

const TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** "3 September 2026 at 10:05", in UK time. */
export function formatDateTime(iso: string): string {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return iso;
	return `${formatLongDate(londonParts(ms).date)} at ${TIME.format(new Date(ms))}`;
}

/** A date for people: "3 September 2026", or the text as it was when it is not a real date. */
export function formatDate(iso: string | undefined): string {
	if (!iso) return '';
	try {
		return formatLongDate(iso);
	} catch {
		return iso;
	}
}
