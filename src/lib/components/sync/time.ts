import { formatDateTime } from '$lib/components/referral/time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * How long ago something happened, as people say it: "just now", "5 min ago", "3 hours ago",
 * "2 days ago", then the date. A time in the future (a device clock that is wrong) reads "just now".
 */
export function timeAgo(iso: string, now: number): string {
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return 'at an unknown time';
	const gone = now - at;
	if (gone < MINUTE) return 'just now';
	if (gone < HOUR) return `${Math.floor(gone / MINUTE)} min ago`;
	if (gone < DAY) return `${plural(Math.floor(gone / HOUR), 'hour')} ago`;
	if (gone < 7 * DAY) return `${plural(Math.floor(gone / DAY), 'day')} ago`;
	return `on ${formatDateTime(iso)}`;
}

/** How soon something is due: "in 40 seconds", "in 3 min", "in 2 hours"; "now" when it is overdue. */
export function timeUntil(iso: string, now: number): string {
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return 'at an unknown time';
	const left = at - now;
	if (left < 5_000) return 'now';
	if (left < MINUTE) return `in ${Math.ceil(left / 1000)} seconds`;
	if (left < HOUR) return `in ${Math.ceil(left / MINUTE)} min`;
	return `in ${plural(Math.round(left / HOUR), 'hour')}`;
}

/** "1 change", "3 changes": counts in the words the screens use. */
export function count(n: number, one: string, many = `${one}s`): string {
	return plural(n, one, many);
}
