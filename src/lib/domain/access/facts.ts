import type { AreaId } from '../areas';
import type { RecordType } from '../records';
import type { RecordFacts } from './rules';

/** The data field naming who a record is assigned to, for the types that have one. */
const ASSIGNEE_FIELD: Partial<Record<RecordType, string>> = {
	referral: 'assignedCoach',
	visit: 'assignedTo'
};

/** Who a record's data says it is assigned to: the coach of a referral, the officer of a visit. */
export function assigneeOf(type: RecordType, data: Readonly<Record<string, unknown>>): string | null {
	const field = ASSIGNEE_FIELD[type];
	const value = field === undefined ? undefined : data[field];
	return typeof value === 'string' && value !== '' ? value : null;
}

/** What the access rules look at in a stored record, with who first created it. */
export function factsOf(
	record: { type: RecordType; areaId: AreaId; data: Readonly<Record<string, unknown>> },
	createdBy: string | null
): RecordFacts {
	return {
		type: record.type,
		areaId: record.areaId,
		assignedTo: assigneeOf(record.type, record.data),
		createdBy
	};
}
