import { defineLifecycle, type Guard } from '../common';
import { wasEverReached } from './attempts';
import { STATUS_LABELS, type ReferralStatus } from './codes';
import { MESSAGES, closureIssues } from './rules';
import { referralSchema, type Referral } from './schema';

/**
 * received → triaged → contacting → first appointment → in progress → closed; any open referral
 * may close. Guards see the referral as the person has filled it in for the move (the coach chosen
 * at triage, the closing reason when closing), with its status still the old one.
 *
 * Reopening goes back to "in progress" only, and only for someone the coach has spoken to: it is for
 * support closed too soon (goals not met after all, a referral on that fell through). Someone never
 * reached, or who declined, starts again as a new referral: fresh consent and three fresh attempts,
 * rather than old failures that would propose closing again at once.
 */

export const LIFECYCLE_MESSAGES = {
	needsCoach: 'Assign a coach before triage',
	needsConsentToContact: 'The person has not agreed to be contacted',
	needsConversation: 'Speak to the person before booking their first appointment',
	cannotReopenDied: 'A referral closed because the person died cannot be reopened',
	reopenNeedsConversation: 'The person was never reached: make a new referral instead'
} as const;

const hasReasons: Guard<Referral> = (r) => (r.reasons.length > 0 ? null : MESSAGES.reasonsRequired);
const hasCoach: Guard<Referral> = (r) => (r.assignedCoach ? null : LIFECYCLE_MESSAGES.needsCoach);
const agreedToContact: Guard<Referral> = (r) =>
	r.consentToContact ? null : LIFECYCLE_MESSAGES.needsConsentToContact;
const reached: Guard<Referral> = (r) => (wasEverReached(r) ? null : LIFECYCLE_MESSAGES.needsConversation);
const closable: Guard<Referral> = (r) => closureIssues(r)[0]?.message ?? null;
const notDied: Guard<Referral> = (r) =>
	r.closure?.reason === 'died' ? LIFECYCLE_MESSAGES.cannotReopenDied : null;
const knownToCoach: Guard<Referral> = (r) =>
	wasEverReached(r) ? null : LIFECYCLE_MESSAGES.reopenNeedsConversation;

export const referralLifecycle = defineLifecycle<ReferralStatus, Referral>({
	labels: STATUS_LABELS,
	moves: {
		received: { triaged: [hasReasons, hasCoach], closed: [closable] },
		triaged: { contacting: [agreedToContact], closed: [closable] },
		contacting: { firstAppointment: [reached], closed: [closable] },
		firstAppointment: { inProgress: [], closed: [closable] },
		inProgress: { closed: [closable] },
		closed: { inProgress: [notDied, knownToCoach] }
	}
});

export type MoveResult = { ok: true; referral: Referral } | { ok: false; reason: string };

/**
 * Checks the move, then returns the referral in its new status: a reopened referral drops its
 * closure (the audit trail keeps it). The result is validated, so it can be saved as it is.
 */
export function moveReferral(referral: Referral, to: ReferralStatus): MoveResult {
	const verdict = referralLifecycle.check(referral.status, to, referral);
	if (!verdict.ok) return verdict;
	const { closure: _closure, ...open } = referral;
	const moved = to === 'closed' ? { ...referral, status: to } : { ...open, status: to };
	const parsed = referralSchema.safeParse(moved);
	if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'Check the referral' };
	return { ok: true, referral: parsed.data };
}
