import type { ContactOutcome } from './codes';
import type { ContactAttempt } from './schema';

/**
 * What the contact attempts say. An attempt "failed" when nobody was spoken to: no answer, a message
 * left, a wrong number. `declined` is not a failure: the coach spoke to the person, who said no, and
 * closing that as "unable to contact" would misreport it (close it as "declined" instead).
 */

/** Failed attempts in a row before the app proposes closing as "unable to contact". */
export const ATTEMPTS_BEFORE_UNABLE_TO_CONTACT = 3;

export const FAILED_OUTCOMES: readonly ContactOutcome[] = ['noAnswer', 'leftMessage', 'wrongNumber'];

export const isFailed = (outcome: ContactOutcome): boolean => FAILED_OUTCOMES.includes(outcome);

/** Spoke to the person, whatever they said. */
export const isConversation = (outcome: ContactOutcome): boolean => !isFailed(outcome);

type WithAttempts = { contactAttempts: readonly ContactAttempt[] };

/** Oldest first; attempts logged late still count in the order they happened. */
export function chronological(attempts: readonly ContactAttempt[]): ContactAttempt[] {
	return attempts
		.map((attempt, index) => ({ attempt, index, ms: Date.parse(attempt.at) }))
		.sort((a, b) => a.ms - b.ms || a.index - b.index)
		.map(({ attempt }) => attempt);
}

/**
 * Failed attempts since the coach last spoke to the person (or since the referral arrived). A
 * conversation resets the count: three unanswered calls last spring say nothing about reaching them
 * now, and "unable to contact" means the most recent tries all failed.
 */
export function failedAttempts(referral: WithAttempts): number {
	let count = 0;
	for (const attempt of chronological(referral.contactAttempts)) {
		count = isFailed(attempt.outcome) ? count + 1 : 0;
	}
	return count;
}

/** The most recent attempt where someone spoke to the person, if any. */
export function lastConversation(referral: WithAttempts): ContactAttempt | undefined {
	return chronological(referral.contactAttempts)
		.filter((attempt) => isConversation(attempt.outcome))
		.at(-1);
}

export function lastAttempt(referral: WithAttempts): ContactAttempt | undefined {
	return chronological(referral.contactAttempts).at(-1);
}

export function wasEverReached(referral: WithAttempts): boolean {
	return referral.contactAttempts.some((attempt) => attempt.outcome === 'reached');
}
