import type { RecordType } from './records';

/**
 * The data fields each record type may keep in plain text on a device: only what lists need to
 * index, order and filter by, and nothing that identifies a person or says anything about their
 * health. Everything else is sealed (security.md S11): a field added to a schema is sealed until
 * someone decides otherwise here, and `privacy.spec.ts` names it for that review.
 *
 * A kind's `status` and `assignee` read only these fields, since the device indexes what they return.
 */
export const PLAIN_FIELDS = {
	// A public directory: the place and its name may be plain; the people behind it may not.
	asset: ['kind', 'name', 'status', 'lifecycle', 'location', 'lastVerified'],
	// Not the home's location or address, nor who asked for the visit (a GP's request is health data).
	visit: ['status', 'scheduledFor', 'assignedTo'],
	// Not the reasons or the source (both say something about the person's health).
	referral: ['status', 'visitId', 'receivedOn', 'assignedCoach'],
	// A community flood group is a public body; its notes, zones and stores are not needed plain.
	floodGroup: ['name', 'town', 'floodAreaCodes', 'planReviewDate'],
	floodContact: ['groupId', 'role', 'zoneId', 'cascadeOrder', 'status', 'lastReviewedOn'],
	floodHousehold: ['groupId', 'zoneId', 'keyholderContactId'],
	// Not the title or who started it: both may name people.
	floodActivation: ['groupId', 'floodAreaCode', 'startedAt', 'endedAt']
} as const satisfies Record<RecordType, readonly string[]>;

/**
 * Opening one of these is recorded in the audit log, on the server (the records API) and on a
 * device (reported at its next sync): they hold people's health and home details.
 */
export const SENSITIVE_RECORD_TYPES: readonly RecordType[] = [
	'visit',
	'referral',
	'floodHousehold',
	'floodContact'
];

/** Whether opening a record of this type is audited. */
export const isSensitiveType = (type: string): boolean =>
	(SENSITIVE_RECORD_TYPES as readonly string[]).includes(type);

const plainSets = new Map<string, ReadonlySet<string>>(
	Object.entries(PLAIN_FIELDS).map(([type, fields]) => [type, new Set<string>(fields)])
);

/** Whether a type's field may stay in plain text on the device. Unknown types and fields: no. */
export function isPlainField(type: string, field: string): boolean {
	return plainSets.get(type)?.has(field) ?? false;
}

export interface SplitData {
	plain: Record<string, unknown>;
	sealed: Record<string, unknown>;
}

/** A record's data split into what may stay plain and what must be sealed. */
export function splitData(type: string, data: Record<string, unknown>): SplitData {
	const plain: Record<string, unknown> = {};
	const sealed: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(data)) {
		if (isPlainField(type, field)) plain[field] = value;
		else sealed[field] = value;
	}
	return { plain, sealed };
}
