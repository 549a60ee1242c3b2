import type { StoredRecord } from '$lib/client/store/database';
import type { RecordRepository } from '$lib/client/store/repository';
import type { AreaId } from '$lib/domain/areas';
import { ARCHIVED_KEY, AREA_KEY, type Conflict } from '$lib/domain/sync/protocol';

/** What a person decided in conflict review. */
export type Decision =
	/** The value this field should hold (one side's, or typed anew). Null or blank clears it. */
	| { value: unknown }
	/** For `@archived`: whether the record should end archived. */
	| { archived: boolean };

/**
 * Settle a conflict as an ordinary change that names it in `resolves`, so it syncs like any edit
 * and marks the conflict resolved on every device. Choosing what the record already holds writes a
 * change that only resolves.
 */
export async function settle(
	repository: RecordRepository<Record<string, unknown>>,
	record: StoredRecord,
	conflict: Conflict,
	decision: Decision
): Promise<StoredRecord> {
	const options = { resolves: [conflict.id] };
	if ('archived' in decision) {
		if (conflict.field !== ARCHIVED_KEY) throw new Error(`Conflict ${conflict.id} is not about archiving`);
		if (decision.archived === !!record.archivedAt) return repository.resolve(record.id, [conflict.id]);
		return decision.archived
			? repository.archive(record.id, undefined, options)
			: repository.restore(record.id, undefined, options);
	}
	if (conflict.field === ARCHIVED_KEY) throw new Error(`Conflict ${conflict.id} is about archiving`);
	if (conflict.field === AREA_KEY) {
		return repository.update(record.id, record.data, decision.value as AreaId, options);
	}
	const data = { ...record.data };
	const value = typeof decision.value === 'string' ? decision.value.trim() : decision.value;
	if (value === null || value === undefined || value === '') delete data[conflict.field];
	else data[conflict.field] = value;
	return repository.update(record.id, data, undefined, options);
}
