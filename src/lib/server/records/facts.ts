import type { Selectable } from 'kysely';
import type { RecordFacts } from '$lib/domain/access/rules';
import type { AreaId } from '$lib/domain/areas';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordType } from '$lib/domain/records';
import type { RecordTable } from '../db/schema';

/**
 * What the access rules look at in a record, and nothing else. The one place that knows where
 * each fact lives: the assignee is in the record's data (a referral's coach, a visit's officer);
 * who created it is the `created_by` column, once the database has one.
 */
export function factsOf(
	type: RecordType,
	areaId: AreaId,
	data: Record<string, unknown>,
	createdBy?: string | null
): RecordFacts {
	const facts: RecordFacts = { type, areaId };
	const assignee = kindOf(type).assignee;
	if (assignee) {
		// Data not yet checked by its schema may hold anything: only text names a person.
		const named: unknown = assignee(data);
		facts.assignedTo = typeof named === 'string' ? named : null;
	}
	if (createdBy !== undefined) facts.createdBy = createdBy;
	return facts;
}

/** The facts of a stored record. */
export function recordFacts(row: Selectable<RecordTable>): RecordFacts {
	const data = JSON.parse(row.data) as Record<string, unknown>;
	const createdBy = 'created_by' in row ? (row as { created_by: string | null }).created_by : undefined;
	return factsOf(row.type as RecordType, row.area_id as AreaId, data, createdBy);
}
