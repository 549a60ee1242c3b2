import { areaIdSchema, type AreaId } from '$lib/domain/areas';
import {
	ACCESSIBILITY_FEATURES,
	ASSET_KINDS,
	ASSET_LIFECYCLE_STATES,
	ASSET_STATUSES,
	SCHEDULE_DAYS,
	SERVED_GROUPS,
	type AccessibilityFeature,
	type AssetKind,
	type AssetLifecycleState,
	type AssetStatus,
	type ScheduleDay,
	type ServedGroup
} from '$lib/domain/asset';
import { formatPhone, type FieldError, type Location } from '$lib/domain/common';
import {
	emptyLocation,
	locationExtras,
	locationFromRecord,
	readLocation,
	type LocationValue
} from '$lib/components/form/location-value';

/**
 * The asset form's values as typed: strings for every text box (blank means "not answered"), lists for
 * checkboxes. `prepareAsset` turns them into the record's data for `makeAssetSchema`.
 */
export interface ContactRow {
	name: string;
	phone: string;
	email: string;
}

export interface OpeningRow {
	days: ScheduleDay[];
	opens: string;
	closes: string;
}

export interface AssetFormValues {
	areaId: AreaId | undefined;
	kind: AssetKind | undefined;
	name: string;
	holderName: string;
	description: string;
	status: AssetStatus | undefined;
	organisation: string;
	/** The position (typed, from the device or picked on the map) and the address that goes with it. */
	location: LocationValue & { address: string; postcode: string };
	contacts: ContactRow[];
	schedule: OpeningRow[];
	scheduleNotes: string;
	accessibility: AccessibilityFeature[];
	accessibilityOther: string;
	whoItServes: ServedGroup[];
	whoItServesOther: string;
	lastVerified: string;
	/** Radios, so "not asked yet" and "said no" look different on the form; both store `false`. */
	consentToPublish: 'yes' | 'no' | undefined;
}

/** What an existing record holds that the form does not show, kept as it is on save. */
export interface KeptFromRecord {
	/** The saved location, for what the form does not show of it (its UPRN). */
	location?: Location;
	taxonomyTerms: string[];
}

export interface AssetFormContext {
	/** The lifecycle the saved record will have: 'draft' for a new one, the record's own on edit. */
	lifecycle: AssetLifecycleState;
	kept?: KeptFromRecord;
}

/** The form's fields in the order they appear, so the error summary lists problems top to bottom. */
const FIELD_ORDER = [
	'areaId',
	'kind',
	'name',
	'holderName',
	'description',
	'status',
	'organisation',
	'location',
	'contacts',
	'schedule',
	'scheduleNotes',
	'accessibility',
	'accessibilityOther',
	'whoItServes',
	'whoItServesOther',
	'lastVerified',
	'consentToPublish'
];

export const emptyContact = (): ContactRow => ({ name: '', phone: '', email: '' });
export const emptyOpening = (): OpeningRow => ({ days: [], opens: '', closes: '' });

export function emptyAssetForm(): AssetFormValues {
	return {
		areaId: undefined,
		kind: undefined,
		name: '',
		holderName: '',
		description: '',
		status: undefined,
		organisation: '',
		location: { ...emptyLocation(), address: '', postcode: '' },
		contacts: [],
		schedule: [],
		scheduleNotes: '',
		accessibility: [],
		accessibilityOther: '',
		whoItServes: [],
		whoItServesOther: '',
		lastVerified: '',
		consentToPublish: undefined
	};
}

/**
 * An existing record's data as the form shows it. Read defensively: a record downloaded from an older
 * version may lack fields, and the form is where someone puts that right.
 */
export function assetFormFromRecord({ areaId, data }: { areaId: AreaId; data: Record<string, unknown> }): {
	values: AssetFormValues;
	kept: KeptFromRecord;
} {
	const location = savedLocation(data.location);
	const values: AssetFormValues = {
		areaId,
		kind: oneOf(ASSET_KINDS, data.kind),
		name: text(data.name),
		holderName: text(data.holderName),
		description: text(data.description),
		status: oneOf(ASSET_STATUSES, data.status),
		organisation: text(data.organisation),
		location: {
			...locationFromRecord(location),
			address: text(location?.address),
			postcode: text(location?.postcode)
		},
		contacts: objects(data.contacts).map((c) => ({
			name: text(c.name),
			// Shown grouped as people read it; saving turns it back into the same stored number.
			phone: typeof c.phone === 'string' ? formatPhone(c.phone) : '',
			email: text(c.email)
		})),
		schedule: objects(data.schedule).map((s) => ({
			days: someOf(SCHEDULE_DAYS, s.days),
			opens: text(s.opens),
			closes: text(s.closes)
		})),
		scheduleNotes: text(data.scheduleNotes),
		accessibility: someOf(ACCESSIBILITY_FEATURES, data.accessibility),
		accessibilityOther: text(data.accessibilityOther),
		whoItServes: someOf(SERVED_GROUPS, data.whoItServes),
		whoItServesOther: text(data.whoItServesOther),
		lastVerified: text(data.lastVerified),
		consentToPublish:
			data.consentToPublish === true ? 'yes' : data.consentToPublish === false ? 'no' : undefined
	};
	const taxonomyTerms = Array.isArray(data.taxonomyTerms)
		? data.taxonomyTerms.filter((t): t is string => typeof t === 'string')
		: [];
	return { values, kept: { location, taxonomyTerms } };
}

export function lifecycleOf(data: Record<string, unknown>): AssetLifecycleState {
	return oneOf(ASSET_LIFECYCLE_STATES, data.lifecycle) ?? 'draft';
}

/** A kept draft over the form's starting values: fields a newer form added keep their defaults. */
export function mergeDraft(initial: AssetFormValues, draft: unknown): AssetFormValues {
	if (!draft || typeof draft !== 'object') return structuredClone(initial);
	const merged: Record<string, unknown> = structuredClone(initial) as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(draft)) if (key in merged) merged[key] = value;
	return merged as unknown as AssetFormValues;
}

export interface PreparedAsset {
	areaId: AreaId | undefined;
	/** The record's data, for `makeAssetSchema`. */
	input: Record<string, unknown>;
	/**
	 * All problems, in form order: the form's own (area, position) and the schema's, with list
	 * indexes put back to the rows on screen (blank rows are left out before validating).
	 */
	errorsWith(schemaErrors: readonly FieldError[]): FieldError[];
}

/** The form's values as record data; problems only the form can see (area, a position) come back too. */
export function prepareAsset(values: AssetFormValues, context: AssetFormContext): PreparedAsset {
	const own: FieldError[] = [];

	const area = areaIdSchema.safeParse(values.areaId);
	if (!area.success)
		own.push({ path: 'areaId', message: area.error.issues[0]?.message ?? 'Select the area' });

	const location = prepareLocation(values.location, context.kept, own);

	// Blank rows are an "add" tapped by mistake: leave them out, but remember where the rest sit.
	const contactRows: number[] = [];
	const contacts = values.contacts.flatMap((row, index) => {
		const contact = compact({ name: answer(row.name), phone: answer(row.phone), email: answer(row.email) });
		if (Object.keys(contact).length === 0) return [];
		contactRows.push(index);
		return [contact];
	});
	const scheduleRows: number[] = [];
	const schedule = values.schedule.flatMap((row, index) => {
		const opens = answer(row.opens);
		const closes = answer(row.closes);
		if (row.days.length === 0 && !opens && !closes) return [];
		scheduleRows.push(index);
		return [compact({ days: [...row.days], opens, closes })];
	});

	const isSkill = values.kind === 'skill';
	const input = compact({
		kind: values.kind,
		name: answer(values.name),
		// Hidden unless it is a skill: a person's name has no place on a group or a building.
		holderName: isSkill ? answer(values.holderName) : undefined,
		description: answer(values.description),
		status: values.status,
		lifecycle: context.lifecycle,
		organisation: answer(values.organisation),
		location,
		contacts,
		schedule,
		scheduleNotes: answer(values.scheduleNotes),
		accessibility: [...values.accessibility],
		// The "other" boxes show only while Other is ticked; text left in a hidden box is not saved.
		accessibilityOther: values.accessibility.includes('other')
			? answer(values.accessibilityOther)
			: undefined,
		whoItServes: [...values.whoItServes],
		whoItServesOther: values.whoItServes.includes('other') ? answer(values.whoItServesOther) : undefined,
		taxonomyTerms: [...(context.kept?.taxonomyTerms ?? [])],
		lastVerified: answer(values.lastVerified),
		consentToPublish: values.consentToPublish === 'yes'
	});

	return {
		areaId: area.success ? area.data : undefined,
		input,
		errorsWith(schemaErrors) {
			const rows: Record<string, number[]> = { contacts: contactRows, schedule: scheduleRows };
			const all = [...own, ...schemaErrors.map((error) => onScreen(error, rows))];
			const seen = new Set<string>();
			const unique = all.filter((e) => !seen.has(e.path) && seen.add(e.path));
			return unique
				.map((error, i) => ({ error, i, at: fieldRank(error.path) }))
				.sort((a, b) => a.at - b.at || a.i - b.i)
				.map(({ error }) => error);
		}
	};
}

function prepareLocation(
	typed: AssetFormValues['location'],
	kept: KeptFromRecord | undefined,
	errors: FieldError[]
): Record<string, unknown> | undefined {
	const details = compact({ address: answer(typed.address), postcode: answer(typed.postcode) });
	const reading = readLocation(typed);
	if (!reading.ok) {
		errors.push({ path: 'location', message: reading.error });
		return undefined;
	}
	if (!reading.location) {
		if (Object.keys(details).length > 0) {
			errors.push({
				path: 'location',
				message: 'Enter a grid reference or latitude and longitude for the address, or clear the address'
			});
		}
		return undefined;
	}
	// What the form does not show of the saved location (its UPRN) stays as it was.
	const { address: _address, postcode: _postcode, ...rest } = locationExtras(kept?.location);
	return { ...rest, ...reading.location, ...details };
}

/** `contacts.1.phone` from the schema is the second non-blank row; on screen it may be the third. */
function onScreen(error: FieldError, rows: Record<string, number[]>): FieldError {
	const [list, index, ...rest] = error.path.split('.');
	const positions = list ? rows[list] : undefined;
	if (!positions || index === undefined || !/^\d+$/.test(index)) return error;
	const row = positions[Number(index)];
	return row === undefined ? error : { ...error, path: [list, String(row), ...rest].join('.') };
}

function fieldRank(path: string): number {
	const rank = FIELD_ORDER.indexOf(path.split('.')[0] ?? '');
	return rank === -1 ? FIELD_ORDER.length : rank;
}

/** Blank means "not answered". */
function answer(value: string): string | undefined {
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function oneOf<T extends string>(options: readonly T[], value: unknown): T | undefined {
	return options.find((option) => option === value);
}

function someOf<T extends string>(options: readonly T[], value: unknown): T[] {
	return Array.isArray(value) ? options.filter((option) => value.includes(option)) : [];
}

function objects(value: unknown): Record<string, unknown>[] {
	return Array.isArray(value)
		? value.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
		: [];
}

function savedLocation(value: unknown): Location | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const location = value as Partial<Location>;
	return typeof location.lat === 'number' && typeof location.lon === 'number'
		? (value as Location)
		: undefined;
}
