import { areaName, type AreaId } from '$lib/domain/areas';
import type { RecordRepository } from '$lib/client/store/repository';

/**
 * The coaches a device knows of. Staff names live on the server's staff table and never reach the
 * device (records carry only the coach's id), and there is no sign-in yet to say who "I" am. So the
 * coaches are the distinct `assignedCoach` ids on the device's referrals, told apart by number and
 * by the areas their referrals are in: "Coach 2 (Barrow, Eden, South Lakeland)". When staff sign-in
 * brings names to the device, only `coachOptions` changes.
 */
export type CoachOption = { value: string; label: string };

export async function coachOptions(
	repository: RecordRepository<Record<string, unknown>>
): Promise<CoachOption[]> {
	const areas = new Map<string, Set<AreaId>>();
	for (const record of await repository.list({ includeArchived: true, order: 'oldest' })) {
		if (!record.assignee) continue;
		const found = areas.get(record.assignee) ?? new Set<AreaId>();
		found.add(record.areaId);
		areas.set(record.assignee, found);
	}
	const coaches = [...areas].map(([id, set]) => ({
		id,
		areas: [...set].map(areaName).sort((a, b) => a.localeCompare(b, 'en-GB'))
	}));
	// Numbered by id, not by area: a coach taking a referral in a new area keeps their number.
	coaches.sort((a, b) => a.id.localeCompare(b.id));
	return coaches.map((coach, i) => ({
		value: coach.id,
		label: `Coach ${i + 1} (${coach.areas.join(', ')})`
	}));
}

export function coachLabel(options: readonly CoachOption[], id: string | undefined): string {
	if (!id) return '';
	return options.find((o) => o.value === id)?.label ?? 'A coach not on this device';
}

const CHOSEN_KEY = 'fellside:caseload-coach';

/** The coach last chosen on the caseload page ('' for all coaches). */
export function rememberedCoach(): string {
	try {
		return localStorage.getItem(CHOSEN_KEY) ?? '';
	} catch {
		// Storage can be blocked (private browsing): the choice is then not remembered.
		return '';
	}
}

export function rememberCoach(id: string): void {
	try {
		if (id) localStorage.setItem(CHOSEN_KEY, id);
		else localStorage.removeItem(CHOSEN_KEY);
	} catch {
		// As above: nothing to do when storage is blocked.
	}
}
