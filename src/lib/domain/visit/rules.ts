import { ALARM_TYPES, type Outcome, type VisitStatus } from './codes';
import { VISIT_MESSAGES as M } from './messages';
import { healthFieldsAnswered } from './health';
import type { VisitFields } from './schema';

/** A rule broken, with the field it belongs to (the form's field id, as a Zod path). */
export interface Problem {
	path: (string | number)[];
	message: string;
}

/** Statuses in which someone from the service is, or has been, in the home. */
export const STARTED_STATUSES: readonly VisitStatus[] = ['inProgress', 'completed', 'closed'];

/**
 * Which outcomes fit each status. Before a visit only an earlier attempt's outcome (no access, rebook)
 * may stand; during one anything may be filled in ahead of finishing; after one it must fit the exit.
 */
const OUTCOME_RULES: Record<
	VisitStatus,
	{ fits: readonly Outcome[] | 'any'; required: boolean; message: string }
> = {
	requested: { fits: ['noAccess', 'rebook'], required: false, message: M.notStartedOutcome },
	scheduled: { fits: ['noAccess', 'rebook'], required: false, message: M.notStartedOutcome },
	inProgress: { fits: 'any', required: false, message: '' },
	completed: { fits: ['completed', 'partial'], required: true, message: M.finishedOutcome },
	closed: { fits: ['completed', 'partial'], required: true, message: M.finishedOutcome },
	noAccess: { fits: ['noAccess'], required: false, message: M.noAccessOutcome },
	declined: { fits: ['refused'], required: false, message: M.declinedOutcome }
};

/** Every rule that compares fields, checked once each field is well formed on its own. */
export function visitProblems(visit: VisitFields): Problem[] {
	return [
		...statusProblems(visit),
		...occupantProblems(visit),
		...alarmProblems(visit),
		...referralProblems(visit)
	];
}

function statusProblems(visit: VisitFields): Problem[] {
	const problems: Problem[] = [];
	if (visit.status === 'scheduled' && !visit.scheduledFor) {
		problems.push({ path: ['scheduledFor'], message: M.scheduleNeedsTime });
	}
	if (STARTED_STATUSES.includes(visit.status) && visit.consent?.toVisit !== true) {
		problems.push({ path: ['consent', 'toVisit'], message: M.consentToVisit });
	}
	const rule = OUTCOME_RULES[visit.status];
	if (!visit.outcome) {
		if (rule.required) problems.push({ path: ['outcome'], message: M.outcomeNeeded });
	} else if (rule.fits !== 'any' && !rule.fits.includes(visit.outcome)) {
		problems.push({ path: ['outcome'], message: rule.message });
	}
	return problems;
}

function occupantProblems(visit: VisitFields): Problem[] {
	const problems: Problem[] = [];
	const healthConsent = visit.consent?.toRecordHealth === true;
	visit.occupants.forEach((occupant, i) => {
		if (!occupant.ageBand && !occupant.dateOfBirth) {
			problems.push({ path: ['occupants', i, 'ageBand'], message: M.ageOrDateOfBirth });
		}
		if (occupant.smoking?.inBed && !occupant.smoking.smokes) {
			problems.push({ path: ['occupants', i, 'smoking', 'inBed'], message: M.inBedWithoutSmoking });
		}
		// Even "none" is a health answer: nothing about health is kept without consent.
		if (healthConsent) return;
		for (const field of healthFieldsAnswered(occupant)) {
			problems.push({ path: ['occupants', i, field], message: M.consentBeforeHealth });
		}
	});
	return problems;
}

function alarmProblems(visit: VisitFields): Problem[] {
	const problems: Problem[] = [];
	for (const type of ALARM_TYPES) {
		const counts = visit.home?.[type];
		if (!counts) continue;
		if (counts.working > counts.present) {
			problems.push({ path: ['home', type, 'working'], message: M.workingExceedsPresent });
		}
		if (counts.fittedToday > counts.present) {
			problems.push({ path: ['home', type, 'fittedToday'], message: M.fittedExceedsPresent });
		}
	}
	return problems;
}

function referralProblems(visit: VisitFields): Problem[] {
	const problems: Problem[] = [];
	visit.onwardReferrals.forEach((referral, i) => {
		if (referral.consentToShare !== true && !referral.safeguardingOverride) {
			problems.push({ path: ['onwardReferrals', i, 'consentToShare'], message: M.referralNeedsConsent });
		}
	});
	return problems;
}
