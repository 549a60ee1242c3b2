import { repository } from '$lib/client/repositories';
import { assigneeLabel, type AssigneeOption, type AssigneeRole } from '$lib/components/staff/assignees';
import { assigneeOptionsFor } from '$lib/components/staff/options';

export type OfficerOption = AssigneeOption;

const OFFICER: AssigneeRole = { role: 'fireOfficer', noun: 'Officer' };

/** The fire officers a visit can be assigned to, by name, and any the device's visits name already. */
export const officerOptions = (): Promise<OfficerOption[]> =>
	assigneeOptionsFor(repository('visit'), OFFICER);

export const officerLabel = (options: readonly OfficerOption[], id: string | undefined): string =>
	assigneeLabel(options, id, OFFICER);
