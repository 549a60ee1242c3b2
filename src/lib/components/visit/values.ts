import { cleanFormValues } from '$lib/client/form-values';
import {
	emptyLocation,
	locationExtras,
	locationFromRecord,
	readLocation,
	type LocationValue
} from '$lib/components/form/location-value';
import { formatPhone } from '$lib/domain/common';
import type {
	Advice,
	Alcohol,
	CareReceived,
	Cognition,
	ConsentMethod,
	Cooking,
	Hearing,
	Heating,
	Mobility,
	Outcome,
	SpecialistAlarm,
	VisitSource
} from '$lib/domain/visit';
import type { Occupant, Visit } from '$lib/domain/visit';

/**
 * The visit's answers as the forms hold them: text as typed, yes/no as words, numbers as text.
 * Conversion to the schema's shape happens only when checking or saving, so a half-typed answer is
 * kept exactly as it was typed (in the draft too) and the schema gives the message.
 */

export type YesNo = 'yes' | 'no';
export const YES_NO = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'no', label: 'No' }
] as const satisfies readonly { value: YesNo; label: string }[];

export const toYesNo = (value: boolean | undefined): YesNo | undefined =>
	value === undefined ? undefined : value ? 'yes' : 'no';
export const fromYesNo = (value: string | undefined): boolean | undefined =>
	value === 'yes' ? true : value === 'no' ? false : undefined;

/** A number typed as text: a number when it reads as one, else the text, for the schema to refuse. */
export function numberFrom(text: string | undefined): number | string | undefined {
	const trimmed = text?.trim();
	if (!trimmed) return undefined;
	const number = Number(trimmed);
	return Number.isFinite(number) ? number : trimmed;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input shows it: the device's own clock time. */
export function toLocalInput(iso: string | undefined): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as an ISO instant; anything unreadable is passed on for the schema to refuse. */
export function fromLocalInput(local: string | undefined): string | undefined {
	const trimmed = local?.trim();
	if (!trimmed) return undefined;
	const date = new Date(trimmed);
	return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
}

// ——— Request a visit / change its details ———

export interface PersonBasics {
	name: string;
	ageBand: string | undefined;
	dateOfBirth: string;
	livesAlone: YesNo | undefined;
	phone: string;
}

export interface DetailsValues {
	areaId: string | undefined;
	address: { line1: string; line2: string; town: string; postcode: string };
	/** Where the home is: typed, from the device at the door, or picked on the map. */
	location: LocationValue;
	source: VisitSource | undefined;
	occupants: PersonBasics[];
	scheduledFor: string;
	assignedTo: string | undefined;
}

export const blankPerson = (): PersonBasics => ({
	name: '',
	ageBand: undefined,
	dateOfBirth: '',
	livesAlone: undefined,
	phone: ''
});

export const blankDetails = (): DetailsValues => ({
	areaId: undefined,
	address: { line1: '', line2: '', town: '', postcode: '' },
	location: emptyLocation(),
	source: undefined,
	occupants: [blankPerson()],
	scheduledFor: '',
	assignedTo: undefined
});

const basicsFrom = (o: Occupant): PersonBasics => ({
	name: o.name,
	ageBand: o.ageBand,
	dateOfBirth: o.dateOfBirth ?? '',
	livesAlone: toYesNo(o.livesAlone),
	// Stored as +44…; shown as people write it. The schema normalises it again on saving.
	phone: o.phone ? formatPhone(o.phone) : ''
});

export function detailsFrom(visit: Visit, areaId: string): DetailsValues {
	return {
		areaId,
		address: {
			line1: visit.address.line1,
			line2: visit.address.line2 ?? '',
			town: visit.address.town,
			postcode: visit.address.postcode
		},
		location: locationFromRecord(visit.location),
		source: visit.source,
		occupants: visit.occupants.map(basicsFrom),
		scheduledFor: toLocalInput(visit.scheduledFor),
		assignedTo: visit.assignedTo
	};
}

const BASIC_KEYS = ['name', 'ageBand', 'dateOfBirth', 'livesAlone', 'phone'] as const;

function basicsInput(p: PersonBasics): Record<string, unknown> {
	const cleaned = cleanFormValues({
		name: p.name,
		ageBand: p.ageBand,
		dateOfBirth: p.dateOfBirth,
		livesAlone: fromYesNo(p.livesAlone),
		phone: p.phone
	});
	return (cleaned ?? {}) as Record<string, unknown>;
}

/** Everything but the basics, so a change of name keeps what was recorded about the person. */
function withoutBasics(o: Occupant | undefined): Record<string, unknown> {
	const rest: Record<string, unknown> = { ...o };
	for (const key of BASIC_KEYS) delete rest[key];
	return rest;
}

/**
 * The visit the details form describes, for the schema. On a change, `base` keeps every answer the
 * form does not show (consent, health, home); people are matched by their place in the list.
 */
export function detailsInput(values: DetailsValues, base?: Visit): Record<string, unknown> {
	const input: Record<string, unknown> = { ...base };
	input.address = cleanFormValues(values.address) ?? {};
	// An unreadable position is the form's to point out (checkDetails); the rest of the visit still checks.
	const reading = readLocation(values.location);
	if (reading.ok && reading.location)
		input.location = { ...locationExtras(base?.location), ...reading.location };
	else if (reading.ok) delete input.location;
	input.source = values.source;
	input.occupants = values.occupants.map((p, i) => ({
		...withoutBasics(base?.occupants[i]),
		...basicsInput(p)
	}));
	const scheduledFor = fromLocalInput(values.scheduledFor);
	if (scheduledFor) input.scheduledFor = scheduledFor;
	else delete input.scheduledFor;
	if (values.assignedTo) input.assignedTo = values.assignedTo;
	else delete input.assignedTo;
	return input;
}

// ——— Recording the visit ———

export interface ConsentValues {
	toVisit: YesNo | undefined;
	toRecordHealth: YesNo | undefined;
	toShare: YesNo | undefined;
	method: ConsentMethod | undefined;
	/** Set when consent is first recorded, not typed: it is when the person said yes. */
	recordedAt: string;
	recordedBy: string;
}

export interface OccupantValues extends PersonBasics {
	hearing: Hearing | undefined;
	mobility: Mobility | undefined;
	cognition: Cognition | undefined;
	smokes: YesNo | undefined;
	inBed: YesNo | undefined;
	airflowMattress: YesNo | undefined;
	emollients: YesNo | undefined;
	alcohol: Alcohol | undefined;
	homeOxygen: YesNo | undefined;
	careReceived: CareReceived | undefined;
}

export interface AlarmValues {
	present: string;
	working: string;
	fittedToday: string;
}

export interface HomeValues {
	smokeAlarms: AlarmValues;
	heatAlarms: AlarmValues;
	coAlarms: AlarmValues;
	specialistAlarms: SpecialistAlarm[];
	heating: Heating | undefined;
	cooking: Cooking | undefined;
	electricsConcern: YesNo | undefined;
	candles: YesNo | undefined;
	arsonRisk: YesNo | undefined;
	clutter: { livingRoom: string | undefined; kitchen: string | undefined; bedroom: string | undefined };
}

export interface OnwardValues {
	to: string | undefined;
	reason: string;
	consentToShare: YesNo | undefined;
	safeguardingReason: string;
	/** The coach referral raised from this visit: kept, never shown as an input. */
	referralId?: string;
}

export interface RecordValues {
	consent: ConsentValues;
	occupants: OccupantValues[];
	home: HomeValues;
	adviceGiven: Advice[];
	onwardReferrals: OnwardValues[];
	outcome: Outcome | undefined;
	/** When the outcome is "needs another appointment": the new date and time. */
	nextAppointment: string;
	notes: string;
}

const alarmsFrom = (a: { present: number; working: number; fittedToday: number } | undefined) => ({
	present: a ? String(a.present) : '',
	working: a ? String(a.working) : '',
	fittedToday: a ? String(a.fittedToday) : ''
});
const text = (n: number | undefined) => (n === undefined ? undefined : String(n));

export const blankOnward = (): OnwardValues => ({
	to: undefined,
	reason: '',
	consentToShare: undefined,
	safeguardingReason: ''
});

export const occupantValuesFrom = (o: Occupant): OccupantValues => ({
	...basicsFrom(o),
	hearing: o.hearing,
	mobility: o.mobility,
	cognition: o.cognition,
	smokes: toYesNo(o.smoking?.smokes),
	inBed: toYesNo(o.smoking?.inBed),
	airflowMattress: toYesNo(o.smoking?.airflowMattress),
	emollients: toYesNo(o.smoking?.emollients),
	alcohol: o.alcohol,
	homeOxygen: toYesNo(o.homeOxygen),
	careReceived: o.careReceived
});

export const blankOccupant = (): OccupantValues => ({
	...blankPerson(),
	hearing: undefined,
	mobility: undefined,
	cognition: undefined,
	smokes: undefined,
	inBed: undefined,
	airflowMattress: undefined,
	emollients: undefined,
	alcohol: undefined,
	homeOxygen: undefined,
	careReceived: undefined
});

export function recordValuesFrom(visit: Visit): RecordValues {
	const { consent, home } = visit;
	// Before the visit, an outcome is the last attempt's (no access, rebook), not this visit's.
	const started = visit.status === 'inProgress' || visit.status === 'completed' || visit.status === 'closed';
	return {
		consent: {
			toVisit: toYesNo(consent?.toVisit),
			toRecordHealth: toYesNo(consent?.toRecordHealth),
			toShare: toYesNo(consent?.toShare),
			method: consent?.method,
			recordedAt: consent?.recordedAt ?? '',
			recordedBy: consent?.recordedBy ?? ''
		},
		occupants: visit.occupants.map(occupantValuesFrom),
		home: {
			smokeAlarms: alarmsFrom(home?.smokeAlarms),
			heatAlarms: alarmsFrom(home?.heatAlarms),
			coAlarms: alarmsFrom(home?.coAlarms),
			specialistAlarms: [...(home?.specialistAlarms ?? [])],
			heating: home?.heating,
			cooking: home?.cooking,
			electricsConcern: toYesNo(home?.electricsConcern),
			candles: toYesNo(home?.candles),
			arsonRisk: toYesNo(home?.arsonRisk),
			clutter: {
				livingRoom: text(home?.clutter.livingRoom),
				kitchen: text(home?.clutter.kitchen),
				bedroom: text(home?.clutter.bedroom)
			}
		},
		adviceGiven: [...visit.adviceGiven],
		onwardReferrals: visit.onwardReferrals.map((r) => ({
			to: r.to,
			reason: r.reason,
			consentToShare: toYesNo(r.consentToShare),
			safeguardingReason: r.safeguardingOverride?.reason ?? '',
			...(r.referralId ? { referralId: r.referralId } : {})
		})),
		outcome: started ? visit.outcome : undefined,
		nextAppointment: '',
		notes: visit.notes ?? ''
	};
}

/** The parts of a visit the recording steps fill in, each from one or more steps. */
export type Section = 'consent' | 'occupants' | 'home' | 'clutter' | 'advice' | 'referrals' | 'outcome';
export const SECTIONS: readonly Section[] = [
	'consent',
	'occupants',
	'home',
	'clutter',
	'advice',
	'referrals',
	'outcome'
];

function occupantInput(o: OccupantValues): Record<string, unknown> {
	const smokes = fromYesNo(o.smokes);
	const smoking = cleanFormValues({
		smokes,
		// Asked only of someone who smokes: a hidden answer does not count.
		inBed: smokes ? fromYesNo(o.inBed) : undefined,
		airflowMattress: fromYesNo(o.airflowMattress),
		emollients: fromYesNo(o.emollients)
	});
	const cleaned = cleanFormValues({
		...basicsInput(o),
		hearing: o.hearing,
		mobility: o.mobility,
		cognition: o.cognition,
		smoking,
		alcohol: o.alcohol,
		homeOxygen: fromYesNo(o.homeOxygen),
		careReceived: o.careReceived
	});
	return (cleaned ?? {}) as Record<string, unknown>;
}

const alarmsInput = (a: AlarmValues) =>
	cleanFormValues({
		present: numberFrom(a.present),
		working: numberFrom(a.working),
		fittedToday: numberFrom(a.fittedToday)
	});

const clutterInput = (c: HomeValues['clutter']) =>
	cleanFormValues({
		livingRoom: numberFrom(c.livingRoom),
		kitchen: numberFrom(c.kitchen),
		bedroom: numberFrom(c.bedroom)
	});

function onwardInput(r: OnwardValues): Record<string, unknown> {
	const consentToShare = fromYesNo(r.consentToShare);
	const cleaned = cleanFormValues({
		to: r.to,
		reason: r.reason,
		consentToShare,
		// Asked only when they did not agree: sharing anyway needs a safeguarding reason.
		safeguardingOverride:
			consentToShare === false && r.safeguardingReason.trim() ? { reason: r.safeguardingReason } : undefined,
		referralId: r.referralId
	});
	return (cleaned ?? {}) as Record<string, unknown>;
}

export function consentInput(c: ConsentValues): Record<string, unknown> | undefined {
	return cleanFormValues({
		toVisit: fromYesNo(c.toVisit),
		toRecordHealth: fromYesNo(c.toRecordHealth),
		toShare: fromYesNo(c.toShare),
		method: c.method,
		recordedAt: c.recordedAt,
		recordedBy: c.recordedBy
	}) as Record<string, unknown> | undefined;
}

/**
 * The visit as it would be saved: the stored visit with the recorded answers of `sections` laid
 * over it. Sections left out keep the stored answers, so one step can be checked on its own.
 */
export function recordInput(
	base: Visit,
	values: RecordValues,
	sections: readonly Section[] = SECTIONS
): Record<string, unknown> {
	const input: Record<string, unknown> = { ...base };
	const has = (s: Section) => sections.includes(s);
	const set = (key: string, value: unknown) => {
		if (value === undefined) delete input[key];
		else input[key] = value;
	};
	if (has('consent')) set('consent', consentInput(values.consent));
	if (has('occupants')) set('occupants', values.occupants.map(occupantInput));
	if (has('home') || has('clutter')) {
		const h = values.home;
		const stored = base.home;
		const home = cleanFormValues(
			has('home')
				? {
						smokeAlarms: alarmsInput(h.smokeAlarms),
						heatAlarms: alarmsInput(h.heatAlarms),
						coAlarms: alarmsInput(h.coAlarms),
						specialistAlarms: h.specialistAlarms,
						heating: h.heating,
						cooking: h.cooking,
						electricsConcern: fromYesNo(h.electricsConcern),
						candles: fromYesNo(h.candles),
						arsonRisk: fromYesNo(h.arsonRisk)
					}
				: { ...stored, clutter: undefined }
		) as Record<string, unknown> | undefined;
		const clutter = has('clutter') ? clutterInput(h.clutter) : stored?.clutter;
		set('home', home || clutter ? { ...home, clutter: clutter ?? {} } : undefined);
	}
	if (has('advice')) set('adviceGiven', [...values.adviceGiven]);
	if (has('referrals')) set('onwardReferrals', values.onwardReferrals.map(onwardInput));
	if (has('outcome')) {
		set('outcome', values.outcome);
		set('notes', values.notes.trim() || undefined);
		// A rebooked visit's appointment is the new one, which must be given.
		if (values.outcome === 'rebook') set('scheduledFor', fromLocalInput(values.nextAppointment));
	}
	return input;
}

/** A kept draft from an older version of the form is offered only if it still has the same shape. */
export function isRecordValues(value: unknown): value is RecordValues {
	if (!value || typeof value !== 'object') return false;
	const v = value as Partial<RecordValues>;
	return (
		typeof v.consent === 'object' &&
		Array.isArray(v.occupants) &&
		typeof v.home === 'object' &&
		Array.isArray(v.adviceGiven) &&
		Array.isArray(v.onwardReferrals)
	);
}

/** A kept draft of the details form, or undefined; a draft from before the form had a location gets an empty one. */
export function keptDetails(value: unknown): DetailsValues | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Partial<DetailsValues>;
	if (typeof v.address !== 'object' || !Array.isArray(v.occupants)) return undefined;
	return { ...(v as DetailsValues), location: v.location ?? emptyLocation() };
}
