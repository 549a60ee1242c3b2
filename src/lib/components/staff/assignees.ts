import { areaName } from '$lib/domain/areas';
import type { Colleague } from '$lib/domain/sync/protocol';

/** A member of staff records can be assigned to, as a select offers them. */
export type AssigneeOption = { value: string; label: string };

export interface AssigneeRole {
	role: Colleague['role'];
	/** "Coach", "Officer": for someone the directory does not name. */
	noun: string;
}

/**
 * Who records can be assigned to, by name (see `/api/v1/sync/staff`): the directory's active staff
 * of the role, and anyone the device's records are assigned to already, so that a current
 * assignment always shows: a closed account is marked, and someone the directory does not name
 * (before the first sync that brings it, or outside the person's areas) is numbered. The person
 * using the device comes first, marked "you"; the rest by name.
 */
export function assigneeOptions(
	directory: readonly Colleague[],
	{ role, noun }: AssigneeRole,
	assigned: Iterable<string>,
	me: string | undefined
): AssigneeOption[] {
	const byId = new Map(directory.map((colleague) => [colleague.id, colleague]));
	const offered = directory.filter((c) => c.role === role && c.active).map((c) => c.id);
	const named: (AssigneeOption & { me: boolean })[] = [];
	const unnamed: string[] = [];
	for (const id of new Set([...offered, ...assigned])) {
		const colleague = byId.get(id);
		if (colleague) named.push({ value: id, label: labelOf(colleague, id === me), me: id === me });
		else unnamed.push(id);
	}
	named.sort((a, b) => Number(b.me) - Number(a.me) || a.label.localeCompare(b.label, 'en-GB'));
	// Numbered by id, so the same person keeps their number from one screen to the next.
	unnamed.sort((a, b) => a.localeCompare(b));
	return [
		...named.map(({ value, label }) => ({ value, label })),
		...unnamed.map((value, i) => ({ value, label: `${noun} not named on this device (${i + 1})` }))
	];
}

function labelOf(colleague: Colleague, me: boolean): string {
	if (me) return `${colleague.displayName} (you)`;
	if (!colleague.active) return `${colleague.displayName} (account closed)`;
	const areas = colleague.areaIds.map(areaName).sort((a, b) => a.localeCompare(b, 'en-GB'));
	return `${colleague.displayName} (${areas.join(', ')})`;
}

/** How an assignment reads on a record's summary: the option's label, or who it is not. */
export function assigneeLabel(
	options: readonly AssigneeOption[],
	id: string | undefined,
	{ noun }: AssigneeRole
): string {
	if (!id) return '';
	return options.find((option) => option.value === id)?.label ?? `A ${noun.toLowerCase()} not on this device`;
}
