import { ATTEMPTS_BEFORE_UNABLE_TO_CONTACT, failedAttempts } from './attempts';
import { addDays, ageOn, dateOf, isIsoDate } from '../common/dates';
import type { Referral } from './schema';

/**
 * The rules a referral must keep that one field alone cannot check. The schema reports them at the
 * field the person must change; the lifecycle's guards reuse the same functions and words, so a form
 * and a button never disagree.
 */

export const MESSAGES = {
	visitLinkNeeded: 'A referral from a Safe and Well visit must link to the visit',
	visitLinkOnlyForVisits: 'Only a referral from a Safe and Well visit can link to a visit',
	sourceDetails: 'Say where the referral came from',
	otherReason: 'Say what the other reason is',
	reasonsRequired: 'Choose at least one reason for the referral',
	reasonsOnce: 'Choose each reason only once',
	consentRecordedAt: 'Record when the person gave consent',
	dateOfBirthPast: 'Date of birth must be in the past',
	dateOfBirthAge: 'Check the date of birth: the person would be over 120',
	attemptBeforeReceived: 'A contact attempt cannot be before the referral was received',
	followUpNeedsBaseline: 'A follow-up score needs a baseline',
	followUpAfterBaseline: 'Record follow-up scores on a later date than the baseline',
	score: 'Scores are whole numbers from 0 to 10',
	closeNeedsReason: 'Close needs a reason',
	closureOnlyWhenClosed: 'Only a closed referral can have a closing reason',
	referredTo: 'Say which service they were referred on to',
	unableToContact: 'Unable to contact needs 3 failed contact attempts first',
	closedBeforeReceived: 'The closing date cannot be before the referral was received',
	receivedInFuture: 'Date received must be today or in the past',
	attemptInFuture: 'A contact attempt cannot be in the future',
	closedInFuture: 'The closing date must be today or in the past',
	scoresInFuture: 'Scores cannot be recorded for a future date'
} as const;

export const MAX_AGE = 120;

export type RuleIssue = { path: (string | number)[]; message: string };

/** The closing rules, first problem first: the lifecycle's guard and the schema both use this. */
export function closureIssues(referral: Pick<Referral, 'closure' | 'contactAttempts'>): RuleIssue[] {
	const { closure } = referral;
	if (!closure?.reason) return [{ path: ['closure', 'reason'], message: MESSAGES.closeNeedsReason }];
	const issues: RuleIssue[] = [];
	if (closure.reason === 'referredOn' && !closure.referredTo) {
		issues.push({ path: ['closure', 'referredTo'], message: MESSAGES.referredTo });
	}
	if (closure.reason === 'unableToContact' && failedAttempts(referral) < ATTEMPTS_BEFORE_UNABLE_TO_CONTACT) {
		issues.push({ path: ['closure', 'reason'], message: MESSAGES.unableToContact });
	}
	return issues;
}

/** Every rule that holds whatever today's date is: safe to check on stored and synced records. */
export function referralIssues(referral: Referral): RuleIssue[] {
	const issues: RuleIssue[] = [];
	const add = (path: RuleIssue['path'], message: string) => issues.push({ path, message });
	const { person, receivedOn, ons4, closure } = referral;

	const fromVisit = referral.source === 'safeAndWellVisit';
	if (fromVisit && !referral.visitId) add(['visitId'], MESSAGES.visitLinkNeeded);
	if (!fromVisit && referral.visitId) add(['visitId'], MESSAGES.visitLinkOnlyForVisits);
	if (referral.source === 'other' && !referral.sourceDetails) add(['sourceDetails'], MESSAGES.sourceDetails);

	if (new Set(referral.reasons).size !== referral.reasons.length) add(['reasons'], MESSAGES.reasonsOnce);
	if (referral.reasons.includes('other') && !referral.otherReason) add(['otherReason'], MESSAGES.otherReason);

	if ((referral.consentToContact || referral.consentToShare) && !referral.consentRecordedAt) {
		add(['consentRecordedAt'], MESSAGES.consentRecordedAt);
	}

	// Anchored to the date received, not today, so a stored record never becomes invalid with time.
	if (isIsoDate(person.dateOfBirth) && isIsoDate(receivedOn)) {
		if (person.dateOfBirth >= receivedOn) add(['person', 'dateOfBirth'], MESSAGES.dateOfBirthPast);
		else if (ageOn(person.dateOfBirth, receivedOn) > MAX_AGE) {
			add(['person', 'dateOfBirth'], MESSAGES.dateOfBirthAge);
		}
	}

	if (isIsoDate(receivedOn)) {
		referral.contactAttempts.forEach((attempt, i) => {
			const day = dateOf(attempt.at);
			if (isIsoDate(day) && day < receivedOn) {
				add(['contactAttempts', i, 'at'], MESSAGES.attemptBeforeReceived);
			}
		});
		if (closure && isIsoDate(closure.closedOn) && closure.closedOn < receivedOn) {
			add(['closure', 'closedOn'], MESSAGES.closedBeforeReceived);
		}
	}

	const { baseline, followUp } = ons4;
	if (followUp && !baseline) add(['ons4', 'followUp'], MESSAGES.followUpNeedsBaseline);
	if (followUp && baseline && isIsoDate(followUp.recordedOn) && followUp.recordedOn <= baseline.recordedOn) {
		add(['ons4', 'followUp', 'recordedOn'], MESSAGES.followUpAfterBaseline);
	}

	if (referral.status === 'closed') issues.push(...closureIssues(referral));
	else if (closure) add(['closure'], MESSAGES.closureOnlyWhenClosed);

	return issues;
}

/** Rules that need today's date (`YYYY-MM-DD`, UK): for forms, when a person is typing the dates. */
export function issuesAsOf(referral: Referral, today: string): RuleIssue[] {
	const issues: RuleIssue[] = [];
	const add = (path: RuleIssue['path'], message: string) => issues.push({ path, message });
	const { person, receivedOn, ons4, closure } = referral;
	// Only real dates are compared: a half-typed one already has its own message.
	const after = (date: string | undefined) => isIsoDate(date) && date > today;
	// Age is checked against the date received only: editing an old record must not fail as years pass.
	if (isIsoDate(person.dateOfBirth) && person.dateOfBirth >= today) {
		add(['person', 'dateOfBirth'], MESSAGES.dateOfBirthPast);
	}
	if (after(receivedOn)) add(['receivedOn'], MESSAGES.receivedInFuture);
	referral.contactAttempts.forEach((attempt, i) => {
		if (after(dateOf(attempt.at))) add(['contactAttempts', i, 'at'], MESSAGES.attemptInFuture);
	});
	if (after(closure?.closedOn)) add(['closure', 'closedOn'], MESSAGES.closedInFuture);
	for (const which of ['baseline', 'followUp'] as const) {
		if (after(ons4[which]?.recordedOn)) add(['ons4', which, 'recordedOn'], MESSAGES.scoresInFuture);
	}
	return issues;
}

/** When follow-up scores fall due after the baseline: twelve weeks, a common social-prescribing review. */
export const FOLLOW_UP_AFTER_DAYS = 84;

export function followUpDue(referral: Pick<Referral, 'ons4'>): string | undefined {
	const baseline = referral.ons4.baseline;
	if (!baseline || !isIsoDate(baseline.recordedOn)) return undefined;
	return addDays(baseline.recordedOn, FOLLOW_UP_AFTER_DAYS);
}
