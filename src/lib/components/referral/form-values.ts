import { cleanFormValues } from '$lib/client/form-values';
import { formatPhone } from '$lib/domain/common';
import type { FieldError } from '$lib/domain/common/errors';
import {
	formatNhsNumber,
	REASONS,
	SOURCES,
	type ReferralReason,
	type ReferralSource
} from '$lib/domain/referral';
import { fromLocalInput, toLocalInput } from './time';

/**
 * The referral form's values as the inputs hold them: text as typed, yes/no as words (an unanswered
 * question stays unanswered: not asking is not "no"), the consent time in UK wall-clock time.
 */
export type YesNo = 'yes' | 'no';

export interface ReferralFormValues {
	areaId: string | undefined;
	person: {
		name: string;
		dateOfBirth: string;
		address: { line1: string; line2: string; town: string; postcode: string };
		phone: string;
		email: string;
		nhsNumber: string;
	};
	receivedOn: string;
	source: ReferralSource | undefined;
	visitId: string | undefined;
	sourceDetails: string;
	referrerName: string;
	reasons: ReferralReason[];
	otherReason: string;
	consentToContact: YesNo | undefined;
	consentToShare: YesNo | undefined;
	consentRecordedAt: string;
	whatMatters: string;
	assignedCoach: string | undefined;
}

export function blankValues(today: string): ReferralFormValues {
	return {
		areaId: undefined,
		person: {
			name: '',
			dateOfBirth: '',
			address: { line1: '', line2: '', town: '', postcode: '' },
			phone: '',
			email: '',
			nhsNumber: ''
		},
		receivedOn: today,
		source: undefined,
		visitId: undefined,
		sourceDetails: '',
		referrerName: '',
		reasons: [],
		otherReason: '',
		consentToContact: undefined,
		consentToShare: undefined,
		consentRecordedAt: '',
		whatMatters: '',
		assignedCoach: undefined
	};
}

type Data = Record<string, unknown>;
const object = (value: unknown): Data =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const yesNo = (value: unknown): YesNo | undefined =>
	value === true ? 'yes' : value === false ? 'no' : undefined;
const oneOf = <T extends string>(options: readonly T[], value: unknown): T | undefined =>
	options.find((option) => option === value);

/** A stored referral's data in the form's shape. Read defensively: older records may lack fields. */
export function toFormValues(data: Data, areaId: string): ReferralFormValues {
	const person = object(data.person);
	const address = object(person.address);
	const phone = text(person.phone);
	const nhsNumber = text(person.nhsNumber);
	return {
		areaId,
		person: {
			name: text(person.name),
			dateOfBirth: text(person.dateOfBirth),
			address: {
				line1: text(address.line1),
				line2: text(address.line2),
				town: text(address.town),
				postcode: text(address.postcode)
			},
			phone: phone.startsWith('+44') ? formatPhone(phone) : phone,
			email: text(person.email),
			nhsNumber: nhsNumber ? formatNhsNumber(nhsNumber) : ''
		},
		receivedOn: text(data.receivedOn),
		source: oneOf(SOURCES, data.source),
		visitId: text(data.visitId) || undefined,
		sourceDetails: text(data.sourceDetails),
		referrerName: text(data.referrerName),
		reasons: Array.isArray(data.reasons) ? data.reasons.flatMap((r) => oneOf(REASONS, r) ?? []) : [],
		otherReason: text(data.otherReason),
		consentToContact: yesNo(data.consentToContact),
		consentToShare: yesNo(data.consentToShare),
		consentRecordedAt: toLocalInput(text(data.consentRecordedAt) || undefined),
		whatMatters: text(data.whatMatters),
		assignedCoach: text(data.assignedCoach) || undefined
	};
}

/**
 * A kept draft's values over the form's starting values: a draft written by an earlier version of
 * this form may lack a question added since, and the form must still open.
 */
export function fromDraft(initial: ReferralFormValues, kept: unknown): ReferralFormValues {
	const draft = object(kept);
	const person = object(draft.person);
	return {
		...initial,
		...draft,
		person: {
			...initial.person,
			...person,
			address: { ...initial.person.address, ...object(person.address) }
		},
		reasons: Array.isArray(draft.reasons) ? draft.reasons.flatMap((r) => oneOf(REASONS, r) ?? []) : []
	} as ReferralFormValues;
}

export const consentGiven = (values: Pick<ReferralFormValues, 'consentToContact' | 'consentToShare'>) =>
	values.consentToContact === 'yes' || values.consentToShare === 'yes';

/**
 * What the schema checks: the form's answers over the stored referral (`base`), so what the form does
 * not show (contact attempts, scores, closure, a UPRN) is kept. Answers that only apply to another
 * choice (a visit link after the source changed) are dropped, as the person can no longer see them.
 */
export function toReferralInput(values: ReferralFormValues, base: Data = {}): unknown {
	const basePerson = object(base.person);
	const { areaId: _area, person, consentToContact, consentToShare, consentRecordedAt, ...rest } = values;
	const input = {
		status: 'received',
		...base,
		...rest,
		person: { ...basePerson, ...person, address: { ...object(basePerson.address), ...person.address } },
		visitId: values.source === 'safeAndWellVisit' ? values.visitId : undefined,
		sourceDetails: values.source === 'other' ? values.sourceDetails : undefined,
		otherReason: values.reasons.includes('other') ? values.otherReason : undefined,
		consentToContact: consentToContact === undefined ? undefined : consentToContact === 'yes',
		consentToShare: consentToShare === undefined ? undefined : consentToShare === 'yes',
		consentRecordedAt: consentGiven(values) ? consentTime(consentRecordedAt, base) : undefined
	};
	// Blank answers are removed, but the person and their address stay, so each missing answer is
	// reported at its own field ("Enter the town or village"), not once for the whole person.
	const cleaned = object(cleanFormValues(input));
	const cleanedPerson = object(cleaned.person);
	return { ...cleaned, person: { ...cleanedPerson, address: object(cleanedPerson.address) } };
}

/**
 * The stored consent time, unchanged, when the person left the minute as it was: rewriting
 * `…T19:15:00.000Z` as `…T19:15:00+00:00` would send an edit nobody made.
 */
function consentTime(typed: string, base: Data): string {
	const stored = text(base.consentRecordedAt);
	if (stored && toLocalInput(stored) === typed.trim()) return stored;
	return fromLocalInput(typed.trim());
}

/** The form's fields in page order, so the error summary lists problems as the page shows them. */
const FIELD_ORDER = [
	'areaId',
	'person.name',
	'person.dateOfBirth',
	'person.address.line1',
	'person.address.line2',
	'person.address.town',
	'person.address.postcode',
	'person.phone',
	'person.email',
	'person.nhsNumber',
	'receivedOn',
	'source',
	'visitId',
	'sourceDetails',
	'referrerName',
	'reasons',
	'otherReason',
	'consentToContact',
	'consentToShare',
	'consentRecordedAt',
	'whatMatters',
	'assignedCoach'
];

// The shared date schema says only "Enter a date"; on a page with two dates, say which.
const BLANK_DATE: Record<string, string> = {
	'person.dateOfBirth': 'Enter their date of birth',
	receivedOn: 'Enter the date the referral was received'
};

/** The errors as the summary should list them: in page order, each date named. */
export function forSummary(errors: readonly FieldError[]): FieldError[] {
	const rank = (path: string) => {
		const i = FIELD_ORDER.findIndex((field) => path === field || path.startsWith(`${field}.`));
		return i === -1 ? FIELD_ORDER.length : i;
	};
	return [...errors]
		.sort((a, b) => rank(a.path) - rank(b.path))
		.map((e) =>
			e.message === 'Enter a date' && BLANK_DATE[e.path] ? { ...e, message: BLANK_DATE[e.path] ?? '' } : e
		);
}
