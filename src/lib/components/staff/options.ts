import { staffDirectory, unlockedPerson } from '$lib/client/staff';
import type { RecordRepository } from '$lib/client/store/repository';
import { assigneeOptions, type AssigneeOption, type AssigneeRole } from './assignees';

/** Who records of one type can be assigned to, by name, and whoever the device's records name already. */
export async function assigneeOptionsFor(
	repository: RecordRepository<Record<string, unknown>>,
	role: AssigneeRole
): Promise<AssigneeOption[]> {
	const records = await repository.list({ includeArchived: true, order: 'oldest' });
	const assigned = records.flatMap((record) => (record.assignee ? [record.assignee] : []));
	return assigneeOptions(await staffDirectory(), role, assigned, unlockedPerson()?.staffId);
}
