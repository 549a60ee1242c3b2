import { fieldErrors, type FieldError, type Verdict } from '../common';
import {
	ATTEMPTS_BEFORE_UNABLE_TO_CONTACT,
	chronological,
	failedAttempts,
	lastAttempt,
	lastConversation
} from './attempts';
import type { ContactChannel, ContactOutcome } from './codes';
import { addDays, dateOf, ukDate } from '../common/dates';
import { followUpDue } from './rules';
import { contactAttemptSchema, referralSchema, type Appointment, type Referral } from './schema';

export { failedAttempts } from './attempts';

/**
 * The coach's caseload: what to do next on each open referral, most pressing first. Pure: the
 * caller passes `now`, so the same caseload shows the same order on every device.
 */

/** Service timings (calendar days). A proposal to agree with the coaches' team leads. */
export const TIMINGS = {
	triageWithinDays: 2,
	firstContactWithinDays: 5,
	retryAfterDays: 2,
	bookWithinDays: 2
} as const;

export type NextActionCode =
	| 'proposeUnableToContact'
	| 'proposeDeclined'
	| 'triage'
	| 'checkConsent'
	| 'firstAttempt'
	| 'tryAgain'
	| 'bookFirstAppointment'
	| 'rebookFirstAppointment'
	| 'recordAttendance'
	| 'recordBaseline'
	| 'recordFollowUp'
	| 'startSupport'
	| 'offerSupport'
	| 'holdFirstAppointment'
	| 'supportUnderWay'
	| 'review'
	| 'none';

/** `priority`: lower comes first. `due`: the date (`YYYY-MM-DD`) it should be done by, when there is one. */
export type NextAction = { code: NextActionCode; action: string; due?: string; priority: number };

// Decisions waiting on the coach first, then people waiting to hear, then record-keeping, then the
// things that simply have a date. Within a tier the due date decides.
const PRIORITY: Record<NextActionCode, number> = {
	proposeUnableToContact: 1,
	proposeDeclined: 1,
	triage: 2,
	checkConsent: 3,
	firstAttempt: 3,
	tryAgain: 3,
	bookFirstAppointment: 4,
	rebookFirstAppointment: 4,
	recordAttendance: 5,
	recordBaseline: 5,
	recordFollowUp: 5,
	startSupport: 6,
	offerSupport: 6,
	holdFirstAppointment: 7,
	supportUnderWay: 8,
	review: 8,
	none: 99
};

const ACTIONS: Record<Exclude<NextActionCode, 'tryAgain'>, string> = {
	proposeUnableToContact: 'Propose closing: unable to contact',
	proposeDeclined: 'Propose closing: declined',
	triage: 'Triage',
	checkConsent: 'Check they agree to be contacted',
	firstAttempt: 'First contact attempt',
	bookFirstAppointment: 'Book first appointment',
	rebookFirstAppointment: 'Rebook first appointment',
	recordAttendance: 'Record whether the first appointment went ahead',
	recordBaseline: 'Record baseline wellbeing scores',
	recordFollowUp: 'Record follow-up wellbeing scores',
	startSupport: 'Start support',
	offerSupport: 'Offer support',
	holdFirstAppointment: 'Hold the first appointment',
	supportUnderWay: 'Support under way',
	review: 'Review goals and close when met',
	none: 'Nothing: the referral is closed'
};

function todo(code: NextActionCode, due?: string, action?: string): NextAction {
	const text = action ?? (code === 'tryAgain' ? 'Try again' : ACTIONS[code]);
	const priority = PRIORITY[code];
	return due ? { code, action: text, due, priority } : { code, action: text, priority };
}

export const isOpen = (referral: Pick<Referral, 'status'>): boolean => referral.status !== 'closed';

/** Three failed attempts in a row and the person never spoken to: the app offers the closure. */
export function proposeUnableToContact(referral: Referral): boolean {
	return (
		isOpen(referral) &&
		!lastConversation(referral) &&
		failedAttempts(referral) >= ATTEMPTS_BEFORE_UNABLE_TO_CONTACT
	);
}

function latestFirstAppointment(referral: Referral): Appointment | undefined {
	return (referral.appointments ?? [])
		.filter((appointment) => appointment.kind === 'first')
		.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
		.at(-1);
}

export function nextAction(referral: Referral, now: Date): NextAction {
	const { status } = referral;
	if (status === 'closed') return todo('none');
	if (status === 'received') return todo('triage', addDays(referral.receivedOn, TIMINGS.triageWithinDays));

	const conversation = lastConversation(referral);
	if (conversation?.outcome === 'declined') return todo('proposeDeclined', dateOf(conversation.at));

	if (status === 'triaged' || status === 'contacting') {
		const firstContactDue = addDays(referral.receivedOn, TIMINGS.firstContactWithinDays);
		if (!referral.consentToContact) return todo('checkConsent', firstContactDue);
		if (conversation) {
			return todo('bookFirstAppointment', addDays(dateOf(conversation.at), TIMINGS.bookWithinDays));
		}
		const last = lastAttempt(referral);
		if (!last) return todo('firstAttempt', firstContactDue);
		if (proposeUnableToContact(referral)) return todo('proposeUnableToContact', dateOf(last.at));
		const attempt = failedAttempts(referral) + 1;
		const action = `Try again (${attempt} of ${ATTEMPTS_BEFORE_UNABLE_TO_CONTACT} attempts)`;
		return todo('tryAgain', addDays(dateOf(last.at), TIMINGS.retryAfterDays), action);
	}

	const first = latestFirstAppointment(referral);
	if (status === 'firstAppointment') {
		if (!first) {
			const due = conversation ? addDays(dateOf(conversation.at), TIMINGS.bookWithinDays) : undefined;
			return todo('bookFirstAppointment', due);
		}
		const day = dateOf(first.at);
		if (Date.parse(first.at) > now.getTime()) return todo('holdFirstAppointment', day);
		if (first.attended === undefined) return todo('recordAttendance', day);
		if (!first.attended) return todo('rebookFirstAppointment', addDays(day, TIMINGS.bookWithinDays));
		if (!referral.ons4.baseline) return todo('recordBaseline', day);
		return todo('startSupport', day);
	}

	// In progress.
	if (!referral.ons4.baseline) return todo('recordBaseline', first?.attended ? dateOf(first.at) : undefined);
	if (referral.supportOffered.length === 0) return todo('offerSupport');
	if (!referral.ons4.followUp) {
		const due = followUpDue(referral);
		return due && due <= ukDate(now) ? todo('recordFollowUp', due) : todo('supportUnderWay', due);
	}
	return todo('review');
}

export type CaseloadEntry<T> = { item: T; next: NextAction };

/**
 * Next action priority, then due date (undated last), then the oldest referral. Give `dataOf` to sort
 * stored records (envelopes) by their data.
 */
export function sortCaseload(referrals: readonly Referral[], now: Date): CaseloadEntry<Referral>[];
export function sortCaseload<T>(
	items: readonly T[],
	now: Date,
	dataOf: (item: T) => Referral
): CaseloadEntry<T>[];
export function sortCaseload<T>(
	items: readonly T[],
	now: Date,
	dataOf: (item: T) => Referral = (item) => item as Referral
): CaseloadEntry<T>[] {
	return items
		.map((item) => {
			const data = dataOf(item);
			return { item, data, next: nextAction(data, now) };
		})
		.sort(
			(a, b) =>
				a.next.priority - b.next.priority ||
				compareDue(a.next.due, b.next.due) ||
				a.data.receivedOn.localeCompare(b.data.receivedOn)
		)
		.map(({ item, next }) => ({ item, next }));
}

function compareDue(a: string | undefined, b: string | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return 1;
	if (b === undefined) return -1;
	return a < b ? -1 : 1;
}

/** "Two taps": how and what happened. The time defaults to now; a note is optional. */
export type AttemptInput = { channel: ContactChannel; outcome: ContactOutcome; at?: string; note?: string };

export class ReferralError extends Error {
	constructor(readonly errors: FieldError[]) {
		super(errors[0]?.message ?? 'Check the referral');
		this.name = 'ReferralError';
	}
}

export const ATTEMPT_MESSAGES = {
	closed: 'Reopen the referral before logging a contact attempt',
	notTriaged: 'Triage the referral before contacting the person',
	noConsent: 'The person has not agreed to be contacted',
	future: 'A contact attempt cannot be in the future'
} as const;

/** Whether the log-an-attempt buttons should be offered at all. */
export function canLogAttempt(referral: Referral): Verdict {
	if (referral.status === 'closed') return { ok: false, reason: ATTEMPT_MESSAGES.closed };
	if (referral.status === 'received') return { ok: false, reason: ATTEMPT_MESSAGES.notTriaged };
	if (!referral.consentToContact) return { ok: false, reason: ATTEMPT_MESSAGES.noConsent };
	return { ok: true };
}

/**
 * The referral with one more contact attempt, in time order. The first attempt on a triaged
 * referral moves it to "being contacted": logging one is how contacting starts. Throws a
 * `ReferralError` when it cannot be logged: the attempt's own fields by name (`channel`, `at`), a
 * rule the whole referral then breaks by its path in the referral (`contactAttempts.0.at`).
 */
export function logAttempt(referral: Referral, attempt: AttemptInput, now: Date = new Date()): Referral {
	const verdict = canLogAttempt(referral);
	if (!verdict.ok) throw new ReferralError([{ path: 'status', message: verdict.reason }]);
	const parsed = contactAttemptSchema.safeParse({ ...attempt, at: attempt.at ?? now.toISOString() });
	if (!parsed.success) throw new ReferralError(fieldErrors(parsed.error));
	if (Date.parse(parsed.data.at) > now.getTime()) {
		throw new ReferralError([{ path: 'at', message: ATTEMPT_MESSAGES.future }]);
	}
	const updated = referralSchema.safeParse({
		...referral,
		status: referral.status === 'triaged' ? 'contacting' : referral.status,
		contactAttempts: chronological([...referral.contactAttempts, parsed.data])
	});
	if (!updated.success) throw new ReferralError(fieldErrors(updated.error));
	return updated.data;
}
