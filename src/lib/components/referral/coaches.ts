import { deviceStore } from '$lib/client/device';
import { unlockedPerson } from '$lib/client/staff';
import { readMeta, writeMeta } from '$lib/client/store/meta';
import type { RecordRepository } from '$lib/client/store/repository';
import { assigneeLabel, type AssigneeOption, type AssigneeRole } from '$lib/components/staff/assignees';
import { assigneeOptionsFor } from '$lib/components/staff/options';

export type CoachOption = AssigneeOption;

const COACH: AssigneeRole = { role: 'coach', noun: 'Coach' };

/** The coaches a referral can be assigned to, by name, and any the device's referrals name already. */
export const coachOptions = (repository: RecordRepository<Record<string, unknown>>): Promise<CoachOption[]> =>
	assigneeOptionsFor(repository, COACH);

export const coachLabel = (options: readonly CoachOption[], id: string | undefined): string =>
	assigneeLabel(options, id, COACH);

/** The caseload last chosen, kept in the person's own store: it leaves the device with them. */
const CHOSEN = 'caseload.coach';
/** "All coaches", remembered as a choice in its own right (a coach's own caseload is the default). */
const ALL_COACHES = 'all';

/**
 * Whose caseload opens: the one this person last chose on this device, else a coach's own
 * ('' for all coaches).
 */
export async function rememberedCoach(): Promise<string> {
	forgetSharedChoice();
	const person = unlockedPerson();
	if (!person) return '';
	const chosen = await readMeta(deviceStore().database.meta, CHOSEN);
	if (chosen === ALL_COACHES) return '';
	return chosen ?? (person.role === 'coach' ? person.staffId : '');
}

export async function rememberCoach(id: string): Promise<void> {
	await writeMeta(deviceStore().database.meta, CHOSEN, id || ALL_COACHES);
}

/** Where versions before this one kept the choice, in localStorage, shared by everyone on the device. */
function forgetSharedChoice(): void {
	try {
		localStorage.removeItem('fellside:caseload-coach');
	} catch {
		// Storage can be blocked (private browsing): then nothing was kept there either.
	}
}
