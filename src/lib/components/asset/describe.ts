import {
	ACCESSIBILITY_LABELS,
	DAY_LABELS,
	SCHEDULE_DAYS,
	WHO_IT_SERVES_LABELS,
	type Asset,
	type AssetLifecycleState,
	type ScheduleDay,
	type ScheduleEntry
} from '$lib/domain/asset';
import { formatPhone, type Location } from '$lib/domain/common';
import { formatLatLon } from '$lib/domain/geo';
import { positionText } from '$lib/components/form/location-value';

/** Plain words for the detail page: what each lifecycle state means to the person reading it. */
export const LIFECYCLE_MEANINGS: Record<AssetLifecycleState, string> = {
	draft: 'Not in the public directory. Submit it for verification when the details are complete.',
	submitted: 'Waiting for someone to check the details.',
	verified: 'The details have been checked. It is not in the public directory until it is published.',
	published: 'In the public directory.',
	archived: 'Not in the public directory or the lists. It is kept, and can be restored.'
};

/** What the detail page says once a lifecycle move is saved. */
export function moveDone(from: AssetLifecycleState, to: AssetLifecycleState): string {
	switch (to) {
		case 'submitted':
			return 'Submitted for verification.';
		case 'verified':
			return from === 'published'
				? 'Unpublished. It is no longer in the public directory.'
				: 'Marked as verified.';
		case 'published':
			return 'Published in the public directory.';
		case 'draft':
			return from === 'archived' ? 'Restored as a draft.' : 'Returned for changes. It is a draft again.';
		case 'archived':
			return 'Archived. It has left the lists and the public directory.';
	}
}

/** GOV.UK style times: 9am, 5:30pm, midday, midnight. */
export function formatTime(time: string): string {
	const match = /^(\d{2}):(\d{2})$/.exec(time);
	if (!match) return time;
	const [hours, minutes] = [Number(match[1]), match[2]];
	if (minutes === '00' && hours === 12) return 'midday';
	if (minutes === '00' && hours === 0) return 'midnight';
	const clock = hours % 12 === 0 ? 12 : hours % 12;
	return `${clock}${minutes === '00' ? '' : `:${minutes}`}${hours < 12 ? 'am' : 'pm'}`;
}

/** "Monday to Friday", "Monday, Wednesday and Friday", "Monday to Wednesday and Saturday". */
export function formatDays(days: readonly ScheduleDay[]): string {
	const indexes = SCHEDULE_DAYS.map((day, i) => (days.includes(day) ? i : -1)).filter((i) => i >= 0);
	const runs: number[][] = [];
	for (const i of indexes) {
		const run = runs.at(-1);
		if (run && run.at(-1) === i - 1) run.push(i);
		else runs.push([i]);
	}
	const label = (i: number) => DAY_LABELS[SCHEDULE_DAYS[i] ?? 'mo'];
	const parts = runs.flatMap((run) => {
		const first = run[0] ?? 0;
		const last = run.at(-1) ?? first;
		// Three days or more in a row read best as a range; two are simply both named.
		return run.length >= 3 ? [`${label(first)} to ${label(last)}`] : run.map(label);
	});
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function openingLine(entry: ScheduleEntry): string {
	return `${formatDays(entry.days)}, ${formatTime(entry.opens)} to ${formatTime(entry.closes)}`;
}

export function openingLines(asset: Pick<Asset, 'schedule' | 'scheduleNotes'>): string[] {
	return [...asset.schedule.map(openingLine), ...(asset.scheduleNotes ? [asset.scheduleNotes] : [])];
}

export function locationLines(location: Location | undefined): string[] {
	if (!location) return [];
	const point = { lat: location.lat, lon: location.lon };
	const grid = positionText(point);
	const latLon = formatLatLon(point);
	return [
		grid === latLon ? `Latitude and longitude: ${latLon}` : `Grid reference: ${grid}`,
		...(grid === latLon ? [] : [`Latitude and longitude: ${latLon}`]),
		...(location.accuracyM !== undefined ? [`To within about ${location.accuracyM} metres`] : []),
		...(location.address ? [location.address] : []),
		...(location.postcode ? [location.postcode] : [])
	];
}

export function contactLines(contacts: Asset['contacts']): string[] {
	// A phone number split over two lines is easy to misdial: its spaces do not break.
	return contacts.map((c) =>
		[c.name, c.phone ? formatPhone(c.phone).replaceAll(' ', '\u00a0') : undefined, c.email]
			.filter(Boolean)
			.join(', ')
	);
}

export function accessibilityLines(asset: Pick<Asset, 'accessibility' | 'accessibilityOther'>): string[] {
	return asset.accessibility.map((feature) =>
		feature === 'other' && asset.accessibilityOther
			? `Other: ${asset.accessibilityOther}`
			: ACCESSIBILITY_LABELS[feature]
	);
}

export function whoItServesLines(asset: Pick<Asset, 'whoItServes' | 'whoItServesOther'>): string[] {
	return asset.whoItServes.map((group) =>
		group === 'other' && asset.whoItServesOther
			? `Other: ${asset.whoItServesOther}`
			: WHO_IT_SERVES_LABELS[group]
	);
}

/** A stored date-time in the words of the detail page: "3 March 2026 at 2:05pm". */
export function formatWhen(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const day = date.toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/London'
	});
	const time = date.toLocaleTimeString('en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: 'Europe/London'
	});
	return `${day} at ${formatTime(time)}`;
}
