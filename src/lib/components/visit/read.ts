import { openRecord } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import { visitSchema, type Visit } from '$lib/domain/visit';

/**
 * A stored visit read through its schema. A record synced from an older version (or today's demo
 * data) may not fit it; the screens then say so instead of running the risk rules on data they were
 * not written for.
 */
export type ReadVisit =
	| { ok: true; record: StoredRecord; visit: Visit }
	| { ok: false; record: StoredRecord; errors: FieldError[] };

export function readVisit(record: StoredRecord): ReadVisit {
	const parsed = visitSchema.safeParse(record.data);
	return parsed.success
		? { ok: true, record, visit: parsed.data }
		: { ok: false, record, errors: fieldErrors(parsed.error) };
}

/** The visit with this id on the device, or null when the device does not have it. */
export async function loadVisit(id: string): Promise<ReadVisit | null> {
	const record = await openRecord('visit', id);
	return record ? readVisit(record) : null;
}

/** "14 Main Street, Keswick" from a record that may not parse, for headings. */
export function visitPlace(record: StoredRecord): string {
	const address = record.data.address as { line1?: unknown; town?: unknown } | undefined;
	const parts = [address?.line1, address?.town].filter((p): p is string => typeof p === 'string' && !!p);
	return parts.join(', ') || 'Address not recorded';
}
