import type { StoredRecord } from '$lib/client/store/database';
import type { FieldError } from '$lib/domain/common/errors';
import { fieldErrors } from '$lib/domain/common/errors';
import { referralSchema, type Referral } from '$lib/domain/referral';

/**
 * A stored referral read through its schema. Records synced from an older version (or today's demo
 * data) may lack fields the rules need; the screens then say what is missing and offer the edit
 * form, instead of running the caseload rules on data they were not written for.
 */
export type ReadReferral =
	| { ok: true; record: StoredRecord; referral: Referral }
	| { ok: false; record: StoredRecord; errors: FieldError[] };

export function readReferral(record: StoredRecord): ReadReferral {
	const parsed = referralSchema.safeParse(record.data);
	return parsed.success
		? { ok: true, record, referral: parsed.data }
		: { ok: false, record, errors: fieldErrors(parsed.error) };
}

/** The person's name from a record that may not parse, for headings and lists. */
export function personName(record: StoredRecord): string {
	const person = record.data.person;
	if (person && typeof person === 'object' && 'name' in person && typeof person.name === 'string') {
		return person.name || 'Unnamed person';
	}
	return 'Unnamed person';
}
