import { resolve } from '$app/paths';
import type { RecordType } from '$lib/domain/records';

/** Enough of a record to find its pages: a flood group's parts live under their group. */
export interface RecordRef {
	id: string;
	type: RecordType;
	data?: Record<string, unknown>;
}

const groupOf = (record: RecordRef) =>
	typeof record.data?.groupId === 'string' ? record.data.groupId : null;

/** The record's own page, or null when it cannot be placed (a group's part without its group). */
export function recordHref(record: RecordRef): string | null {
	const id = record.id;
	switch (record.type) {
		case 'asset':
			return resolve('/assets/[id]', { id });
		case 'visit':
			return resolve('/visits/[id]', { id });
		case 'referral':
			return resolve('/referrals/[id]', { id });
		case 'floodGroup':
			return resolve('/flood-groups/[id]', { id });
	}
	const group = groupOf(record);
	if (!group) return null;
	switch (record.type) {
		case 'floodContact':
			return resolve('/flood-groups/[id]/contacts/[contactId]', { id: group, contactId: id });
		case 'floodHousehold':
			return resolve('/flood-groups/[id]/households/[householdId]', { id: group, householdId: id });
		case 'floodActivation':
			return resolve('/flood-groups/[id]/activations/[activationId]', { id: group, activationId: id });
	}
}

/** Where a person changes the record: its edit page, or its own page where the form lives there. */
export function editHref(record: RecordRef): string | null {
	const id = record.id;
	switch (record.type) {
		case 'asset':
			return resolve('/assets/[id]/edit', { id });
		case 'visit':
			return resolve('/visits/[id]/edit', { id });
		case 'referral':
			return resolve('/referrals/[id]/edit', { id });
		case 'floodGroup':
			return resolve('/flood-groups/[id]/edit', { id });
		default:
			return recordHref(record);
	}
}
