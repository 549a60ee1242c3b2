import { repository } from '$lib/client/repositories';
import { areaName, type AreaId } from '$lib/domain/areas';

/**
 * The officers a device knows of, for "Assigned to". Staff names stay on the server and there is no
 * sign-in yet, so, as for coaches on referrals, they are the distinct `assignedTo` ids on the
 * device's visits, told apart by number and the areas of their visits: "Officer 2 (Carlisle, Eden)".
 * When staff names reach the device, only this function changes.
 */
export type OfficerOption = { value: string; label: string };

export async function officerOptions(): Promise<OfficerOption[]> {
	const areas = new Map<string, Set<AreaId>>();
	for (const record of await repository('visit').list({ includeArchived: true, order: 'oldest' })) {
		if (!record.assignee) continue;
		const found = areas.get(record.assignee) ?? new Set<AreaId>();
		found.add(record.areaId);
		areas.set(record.assignee, found);
	}
	// Numbered by id, not by area: an officer taking a visit in a new area keeps their number.
	return [...areas]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([id, set], i) => ({
			value: id,
			label: `Officer ${i + 1} (${[...set]
				.map(areaName)
				.sort((a, b) => a.localeCompare(b, 'en-GB'))
				.join(', ')})`
		}));
}

export function officerLabel(options: readonly OfficerOption[], id: string | undefined): string {
	if (!id) return '';
	return options.find((o) => o.value === id)?.label ?? 'An officer not on this device';
}
