import { z } from 'zod';
import { formatLongDate, ukDate } from '$lib/domain/common/dates';

// The Environment Agency's real-time flood-monitoring API (Open Government Licence): current flood
// warnings from /id/floods, and where each warning area is from /id/floodAreas/{code}.

/** Fellside works in Cumbria: the county filter of /id/floods. */
export const FLOOD_WARNINGS_COUNTY = 'Cumbria';
/** The Environment Agency updates warnings every 15 minutes and asks to be polled no more often. */
export const POLL_INTERVAL_MS = 15 * 60 * 1000;

export const EA_ATTRIBUTION =
	'This uses Environment Agency flood and river level data from the real-time data API (Beta)';
export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

export type SeverityLevel = 1 | 2 | 3 | 4;

export const SEVERITIES: Record<SeverityLevel, { name: string; meaning: string }> = {
	1: { name: 'Severe flood warning', meaning: 'Severe flooding. Danger to life.' },
	2: { name: 'Flood warning', meaning: 'Flooding is expected. Immediate action required.' },
	3: { name: 'Flood alert', meaning: 'Flooding is possible. Be prepared.' },
	4: { name: 'No longer in force', meaning: 'The warning or alert has been removed.' }
};

const eaTime = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, 'is not a date and time');

const warningItem = z.object({
	floodAreaID: z.string().min(1),
	severityLevel: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
		error: 'must be 1, 2, 3 or 4'
	}),
	description: z.string().optional(),
	eaAreaName: z.string().optional(),
	message: z.string().nullish(),
	isTidal: z.boolean().nullish(),
	timeRaised: eaTime.optional(),
	timeMessageChanged: eaTime.optional(),
	floodArea: z.object({ riverOrSea: z.string().nullish(), county: z.string().nullish() }).optional()
});

/** The shape of GET /id/floods. Fields Fellside does not show are ignored. */
export const floodsResponseSchema = z.object({ items: z.array(warningItem) });

const areaItem = z.object({
	notation: z.string().min(1),
	label: z.string().optional(),
	lat: z.number().min(-90).max(90),
	long: z.number().min(-180).max(180),
	quickDialNumber: z.union([z.string(), z.number()]).nullish()
});

/** The shape of GET /id/floodAreas/{code}: one area, sometimes wrapped in a list. */
export const floodAreaResponseSchema = z.object({ items: z.union([areaItem, z.array(areaItem).length(1)]) });

export interface FloodWarning {
	floodAreaId: string;
	/** The warning area in words, e.g. "River Derwent at Keswick". */
	place: string;
	severityLevel: SeverityLevel;
	eaAreaName: string | null;
	riverOrSea: string | null;
	message: string | null;
	isTidal: boolean | null;
	timeRaised: string | null;
	timeChanged: string | null;
}

export interface FloodAreaPlace {
	code: string;
	label: string | null;
	lat: number;
	lon: number;
	/** Floodline's quick-dial code for this area's recorded message. */
	quickDial: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Warnings from an /id/floods answer, most severe first; a malformed answer is named, never thrown. */
export function parseFloodWarnings(body: unknown): Parsed<FloodWarning[]> {
	const parsed = floodsResponseSchema.safeParse(body);
	if (!parsed.success) return { ok: false, problem: problemIn('flood warnings', parsed.error) };
	const warnings = parsed.data.items.map((item): FloodWarning => ({
		floodAreaId: item.floodAreaID,
		place: item.description?.trim() || item.floodAreaID,
		severityLevel: item.severityLevel,
		eaAreaName: item.eaAreaName ?? null,
		riverOrSea: item.floodArea?.riverOrSea ?? null,
		message: item.message?.trim() || null,
		isTidal: item.isTidal ?? null,
		timeRaised: item.timeRaised ?? null,
		timeChanged: item.timeMessageChanged ?? null
	}));
	return { ok: true, value: warnings.sort(bySeverityThenNewest) };
}

export function parseFloodArea(body: unknown): Parsed<FloodAreaPlace> {
	const parsed = floodAreaResponseSchema.safeParse(body);
	if (!parsed.success) return { ok: false, problem: problemIn('flood area', parsed.error) };
	const item = Array.isArray(parsed.data.items) ? parsed.data.items[0]! : parsed.data.items;
	const quickDial = item.quickDialNumber;
	return {
		ok: true,
		value: {
			code: item.notation,
			label: item.label ?? null,
			lat: item.lat,
			lon: item.long,
			quickDial: quickDial === null || quickDial === undefined ? null : String(quickDial)
		}
	};
}

export function floodWarningsUrl(baseUrl: string): string {
	return `${baseUrl}/id/floods?county=${encodeURIComponent(FLOOD_WARNINGS_COUNTY)}`;
}

export function floodAreaUrl(baseUrl: string, code: string): string {
	return `${baseUrl}/id/floodAreas/${encodeURIComponent(code)}`;
}

/** Whether the feed may ask the Environment Agency again: never within 15 minutes of the last try. */
export function pollDue(lastAttemptAt: string | null, now: Date): boolean {
	return msUntilPoll(lastAttemptAt, now) === 0;
}

export function msUntilPoll(lastAttemptAt: string | null, now: Date): number {
	if (!lastAttemptAt) return 0;
	const since = now.getTime() - Date.parse(lastAttemptAt);
	// A clock set back must not stop polling for good: a "last try" in the future counts as long ago.
	if (Number.isNaN(since) || since < 0) return 0;
	return Math.max(0, POLL_INTERVAL_MS - since);
}

export interface Freshness {
	stale: boolean;
	/** "Last updated 10:42 today — you are offline". */
	text: string;
}

/**
 * How current the warnings on this device are, in words, and whether to mark them stale. A failed
 * update (`problem`) is shown beside this, in its own words.
 */
export function freshness(input: {
	fetchedAt: string | null;
	now: Date;
	online: boolean;
	problem: string | null;
}): Freshness {
	const { fetchedAt, now, online, problem } = input;
	if (!fetchedAt) {
		if (!online) return { stale: true, text: 'No flood warnings on this device yet — you are offline' };
		if (problem) return { stale: true, text: 'No flood warnings on this device yet' };
		return { stale: false, text: 'Checking for flood warnings…' };
	}
	const updated = `Last updated ${timeWords(fetchedAt, now)}`;
	if (!online) return { stale: true, text: `${updated} — you are offline` };
	if (problem) return { stale: true, text: `${updated} — could not update just now` };
	if (now.getTime() - Date.parse(fetchedAt) > 2 * POLL_INTERVAL_MS) {
		return { stale: true, text: `${updated} — these may be out of date` };
	}
	return { stale: false, text: updated };
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hour: '2-digit',
	minute: '2-digit'
});

/**
 * "10:42 today", "10:42 yesterday", "10:42 on 3 March 2026" in UK time. The Environment Agency
 * writes some times without a zone: those are shown as written.
 */
export function timeWords(dateTime: string, now: Date): string {
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(dateTime);
	const time = zoned ? UK_TIME.format(new Date(dateTime)) : dateTime.slice(11, 16);
	const day = zoned ? ukDate(new Date(dateTime)) : dateTime.slice(0, 10);
	const today = ukDate(now);
	if (day === today) return `${time} today`;
	if (day === ukDate(new Date(now.getTime() - 86_400_000))) return `${time} yesterday`;
	return `${time} on ${formatLongDate(day)}`;
}

function bySeverityThenNewest(a: FloodWarning, b: FloodWarning): number {
	return a.severityLevel - b.severityLevel || (b.timeRaised ?? '').localeCompare(a.timeRaised ?? '');
}

function problemIn(what: string, error: z.ZodError): string {
	const issue = error.issues[0];
	const where =
		issue && issue.path.length > 0 ? ` (${issue.path.map(String).join('.')} ${issue.message})` : '';
	return `The Environment Agency sent ${what} Fellside cannot read${where || (issue ? ` (${issue.message})` : '')}.`;
}
