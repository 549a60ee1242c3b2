import { fieldErrors, type FieldError } from '../common/errors';
import { kindOf } from '../record-kinds';
import type { RecordType } from '../records';

export type DataCheck =
	{ ok: true; data: Record<string, unknown> } | { ok: false; reason: string; errors: FieldError[] };

/**
 * A record's data against its type's schema, as the server checks every change: the schema's
 * rules, and no field the schema does not know (the schemas strip unknown fields; sync refuses them).
 */
export function checkRecordData(type: RecordType, data: Record<string, unknown>): DataCheck {
	const parsed = kindOf(type).schema.safeParse(data);
	if (!parsed.success) {
		const errors = fieldErrors(parsed.error);
		const first = errors[0];
		const where = first?.path ? ` (${first.path})` : '';
		return { ok: false, reason: `${first?.message ?? 'The record is not valid'}${where}`, errors };
	}
	const output = parsed.data as Record<string, unknown>;
	// Own keys only: a field named like `constructor` must not pass as one the schema knows.
	const unknown = Object.keys(data).filter((key) => data[key] !== undefined && !Object.hasOwn(output, key));
	if (unknown.length > 0) {
		const errors = unknown.map((path) => ({ path, message: `${path} is not a field of a ${type}` }));
		return { ok: false, reason: `Unknown field: ${unknown.join(', ')}`, errors };
	}
	return { ok: true, data: output };
}
