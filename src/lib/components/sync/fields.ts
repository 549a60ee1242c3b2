import {
	ACCESSIBILITY_LABELS,
	ASSET_KIND_LABELS,
	ASSET_LIFECYCLE_LABELS,
	ASSET_STATUS_LABELS,
	WHO_IT_SERVES_LABELS
} from '$lib/domain/asset';
import { areaName, type AreaId } from '$lib/domain/areas';
import { formatLongDate, isIsoDate } from '$lib/domain/common/dates';
import { CHANNEL_LABELS as FLOOD_CHANNEL_LABELS, CONTACT_ROLE_LABELS } from '$lib/domain/flood/contact';
import { VULNERABILITY_LABELS } from '$lib/domain/flood/household';
import type { RecordType } from '$lib/domain/records';
import { REASON_LABELS, SOURCE_LABELS, STATUS_LABELS as REFERRAL_STATUS_LABELS } from '$lib/domain/referral';
import {
	ADVICE_LABELS,
	OUTCOME_LABELS as VISIT_OUTCOME_LABELS,
	VISIT_SOURCE_LABELS,
	VISIT_STATUS_LABELS
} from '$lib/domain/visit';
import { ARCHIVED_KEY, AREA_KEY } from '$lib/domain/sync/protocol';
import { formatDateTime } from '$lib/components/referral/time';

/**
 * How sync screens name a record's fields and show their values: in the words the forms use,
 * never the code's names. A field without a label here still reads sensibly ("Schedule notes").
 */
interface FieldInfo {
	label: string;
	/** The words for each stored code, for fields that hold codes. */
	values?: Readonly<Record<string, string>>;
	/** Free text a person may retype when settling a conflict. */
	text?: true;
}

const text = (label: string): FieldInfo => ({ label, text: true });
const coded = (label: string, values: Readonly<Record<string, string>>): FieldInfo => ({ label, values });

const FIELDS: Record<RecordType, Record<string, FieldInfo>> = {
	asset: {
		kind: coded('Kind of asset', ASSET_KIND_LABELS),
		name: text('Name'),
		holderName: text('Name of the person with the skill'),
		description: text('Description'),
		status: coded('Whether it is running', ASSET_STATUS_LABELS),
		lifecycle: coded('Stage', ASSET_LIFECYCLE_LABELS),
		organisation: text('Organisation'),
		location: { label: 'Location' },
		contacts: { label: 'Contacts' },
		schedule: { label: 'Opening times' },
		scheduleNotes: text('Notes on opening times'),
		accessibility: coded('Accessibility', ACCESSIBILITY_LABELS),
		accessibilityOther: text('Other accessibility features'),
		whoItServes: coded('Who it serves', WHO_IT_SERVES_LABELS),
		whoItServesOther: text('Who else it serves'),
		taxonomyTerms: { label: 'Taxonomy terms' },
		lastVerified: { label: 'Details last checked' },
		consentToPublish: { label: 'Consent to publish' }
	},
	visit: {
		status: coded('Visit status', VISIT_STATUS_LABELS),
		address: { label: 'Address' },
		location: { label: 'Location' },
		scheduledFor: { label: 'Visit date and time' },
		assignedTo: { label: 'Fire officer' },
		source: coded('Who asked for the visit', VISIT_SOURCE_LABELS),
		consent: { label: 'Consent' },
		occupants: { label: 'People living there' },
		home: { label: 'Home safety answers' },
		adviceGiven: coded('Advice given', ADVICE_LABELS),
		onwardReferrals: { label: 'Onward referrals' },
		outcome: coded('Outcome of the visit', VISIT_OUTCOME_LABELS),
		notes: text('Notes')
	},
	referral: {
		status: coded('Referral status', REFERRAL_STATUS_LABELS),
		person: { label: 'The person' },
		source: coded('Where the referral came from', SOURCE_LABELS),
		visitId: { label: 'Linked Safe and Well visit' },
		sourceDetails: text('More about where it came from'),
		referrerName: text('Referrer’s name'),
		reasons: coded('Reasons for referral', REASON_LABELS),
		otherReason: text('Other reason'),
		consentToContact: { label: 'Agreed to be contacted' },
		consentToShare: { label: 'Agreed to information being shared' },
		consentRecordedAt: { label: 'When consent was recorded' },
		whatMatters: text('What matters to the person'),
		receivedOn: { label: 'Date received' },
		assignedCoach: { label: 'Coach' },
		contactAttempts: { label: 'Contact attempts' },
		appointments: { label: 'Appointments' },
		supportOffered: { label: 'Support offered' },
		ons4: { label: 'Wellbeing scores (ONS4)' },
		closure: { label: 'Closure' }
	},
	floodGroup: {
		name: text('Group name'),
		town: text('Town or parish'),
		zones: { label: 'Zones' },
		floodAreaCodes: { label: 'Flood warning areas' },
		planReviewDate: { label: 'Plan review date' },
		equipmentStores: { label: 'Equipment stores' },
		notes: text('Notes')
	},
	floodContact: {
		groupId: { label: 'Flood group' },
		name: text('Name'),
		role: coded('Role', CONTACT_ROLE_LABELS),
		zoneId: { label: 'Zone' },
		cascadeOrder: { label: 'Place in the cascade' },
		phones: { label: 'Phone numbers' },
		email: { label: 'Email' },
		preferredChannel: coded('Preferred way to reach them', FLOOD_CHANNEL_LABELS),
		status: { label: 'Status' },
		consent: { label: 'Consent' },
		lastReviewedOn: { label: 'Last reviewed' }
	},
	floodHousehold: {
		groupId: { label: 'Flood group' },
		zoneId: { label: 'Zone' },
		address: { label: 'Address' },
		occupants: { label: 'People living there' },
		vulnerabilities: coded('Needs in a flood', VULNERABILITY_LABELS),
		consent: { label: 'Consent' },
		notes: text('Notes'),
		keyholderContactId: { label: 'Keyholder' }
	},
	floodActivation: {
		groupId: { label: 'Flood group' },
		title: text('Title'),
		floodAreaCode: { label: 'Flood warning area' },
		startedAt: { label: 'Started' },
		startedBy: text('Started by'),
		endedAt: { label: 'Ended' },
		log: { label: 'Call log' }
	}
};

const ENVELOPE: Record<string, FieldInfo> = {
	[AREA_KEY]: { label: 'Area' },
	[ARCHIVED_KEY]: { label: 'Archived' }
};

function info(type: RecordType, field: string): FieldInfo | undefined {
	return ENVELOPE[field] ?? FIELDS[type][field];
}

/** "scheduleNotes" → "Schedule notes": for a field this version does not know yet. */
function spelledOut(field: string): string {
	const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field's name in the users' words. */
export function fieldLabel(type: RecordType, field: string): string {
	return info(type, field)?.label ?? spelledOut(field);
}

/** The fields this module has words for, so a test can tell when a record type gains one. */
export function labelledFields(type: RecordType): string[] {
	return Object.keys(FIELDS[type]);
}

/** Whether a person may type a new value for this field when settling a conflict. */
export function isFreeText(type: RecordType, field: string): boolean {
	return info(type, field)?.text === true;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as a person reads it: codes as words, dates written out, lists and parts summarised. */
export function describeValue(type: RecordType, field: string, value: unknown): string {
	if (field === ARCHIVED_KEY) return archivedSide(type, value);
	if (value === null || value === undefined || value === '') return 'Not given';
	if (field === AREA_KEY && typeof value === 'string') return areaName(value as AreaId);
	const words = info(type, field)?.values;
	const one = (v: unknown): string => {
		if (typeof v === 'string') {
			if (words?.[v]) return words[v];
			if (isIsoDate(v)) return formatLongDate(v);
			if (ISO_INSTANT.test(v)) return formatDateTime(v);
			return v;
		}
		if (typeof v === 'boolean') return v ? 'Yes' : 'No';
		if (typeof v === 'number') return String(v);
		return summary(v);
	};
	if (Array.isArray(value)) {
		if (value.length === 0) return 'None';
		if (value.every((v) => typeof v !== 'object' || v === null)) return value.map(one).join(', ');
		return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
	}
	return one(value);
}

/**
 * One side of an `@archived` conflict: archived (true), kept in use (false), or the edits another
 * device made while it was archived (an object of the fields it changed).
 */
function archivedSide(type: RecordType, value: unknown): string {
	if (typeof value === 'object' && value !== null) {
		const fields = Object.keys(value).map((f) => fieldLabel(type, f).toLowerCase());
		return fields.length > 0 ? `Kept in use and edited: ${fields.join(', ')}` : 'Kept in use';
	}
	return value ? 'Archived' : 'Kept in use';
}

/** An object in a line: its short text parts ("14 Main Street, Keswick, CA12 5AB"), or that it is set. */
function summary(value: unknown): string {
	if (typeof value !== 'object' || value === null) return String(value);
	const parts = Object.values(value).filter(
		(v): v is string | number => (typeof v === 'string' && v.length <= 80) || typeof v === 'number'
	);
	return parts.length > 0 ? parts.join(', ') : 'Details recorded';
}
