import { formatLongDate, isIsoDate } from '$lib/domain/common/dates';

/** Dates and times as GOV.UK writes them, in UK time whatever the device's own setting. */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: 'numeric',
	minute: '2-digit',
	hour12: true
});

/** "10 March 2026 at 10:30am". */
export function formatDateTime(iso: string | undefined): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const parts = Object.fromEntries(DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
	const hour = parts.hour ?? '';
	const minute = parts.minute ?? '';
	const dayPeriod = (parts.dayPeriod ?? '').toLowerCase().replace(/\s/g, '');
	return `${parts.day} ${parts.month} ${parts.year} at ${hour}:${minute}${dayPeriod}`;
}

/** "3 March 1941", or what was typed if it is not a real date yet. */
export function formatDate(iso: string | undefined): string {
	if (!iso) return '';
	return isIsoDate(iso) ? formatLongDate(iso) : iso;
}

/** A code's words, or the code itself if it is not one this version knows. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | undefined): string {
	if (code === undefined || code === '') return '';
	return labels[code] ?? code;
}

export const yesNoWords = (value: string | undefined): string =>
	value === 'yes' ? 'Yes' : value === 'no' ? 'No' : '';

/** This moment as an ISO instant, for "when consent was given". */
export const nowIso = (): string => new Date().toISOString();
