import {
	ATTEMPTS_BEFORE_UNABLE_TO_CONTACT,
	FOLLOW_UP_AFTER_DAYS,
	type Appointment,
	type ClosureReason,
	type ContactChannel,
	type ContactOutcome,
	type Ons4Scores,
	type Referral,
	type ReferralStatus,
	type SupportOffered
} from '../domain/referral';
import { officeTimeAfter, type BuildContext } from './context';
import { DAY_MS, isoDay, isoTime } from './dates';
import type { Place } from './places';
import type { Random } from './random';

/**
 * A referral's story from triage to closing, told as the coach would have logged it: contact
 * attempts, the first appointment, baseline wellbeing scores, support offered, follow-up scores and
 * the closure. Every step comes after the last and none after `now` (a booked appointment aside).
 */

/** Event times in order, each in office hours, squeezed in before `limit` when time is short. */
export class Clock {
	constructor(
		private readonly rng: Random,
		public t: number,
		private readonly limit: number
	) {}

	next(minDays: number, maxDays: number): number {
		const room = Math.floor((this.limit - this.t) / DAY_MS);
		const hi = Math.max(0, Math.min(maxDays, room));
		const at = officeTimeAfter(this.rng, this.t, this.rng.int(Math.min(minDays, hi), hi));
		this.t = Math.max(this.t, Math.min(at, this.limit));
		return this.t;
	}

	fits(ms: number): boolean {
		return ms <= this.limit;
	}

	jump(ms: number): number {
		this.t = Math.max(this.t, Math.min(ms, this.limit));
		return this.t;
	}
}

/** What a referral needs besides itself: what support is near, and a running count of cases. */
export type JourneyContext = BuildContext & {
	readonly offerSupport: (clock: Clock, firstDay: string, place: Place) => SupportOffered[];
	readonly tally: { contacting: number };
};

export const CLOSURE_WEIGHTS: readonly (readonly [ClosureReason, number])[] = [
	['goalsMet', 40],
	['referredOn', 14],
	['declined', 10],
	['unableToContact', 14],
	['inappropriate', 6],
	['movedAway', 9],
	['died', 7]
];

/** Days from receipt a closing of each kind takes at the least, so a closure never outruns `now`. */
export const CLOSURE_MIN_DAYS: Readonly<Record<ClosureReason, number>> = {
	goalsMet: 40,
	referredOn: 25,
	declined: 6,
	unableToContact: 10,
	inappropriate: 3,
	movedAway: 20,
	died: 20
};

const REFERRED_TO = [
	'Adult social care',
	'Citizens Advice Cumbria',
	'Cumbria drug and alcohol service',
	'NHS Talking Therapies',
	'Age UK',
	'Falls prevention team'
];

const CLOSING_NOTES: Readonly<Record<ClosureReason, readonly string[]>> = {
	goalsMet: ['Back at the walking group and sleeping better.', 'Goes to the lunch club every week now.'],
	referredOn: ['Needs more than coaching can give; family agree.'],
	declined: ['Said they are managing fine and do not want support.'],
	unableToContact: ['Letter sent asking them to get in touch if they would like support.'],
	inappropriate: ['Needs specialist mental health support; GP told.'],
	movedAway: ['Moved to be near family; new address passed to their GP.'],
	died: ['Family told us; condolences sent.']
};

export function progress(
	ctx: JourneyContext,
	r: Referral,
	status: ReferralStatus,
	clock: Clock,
	place: Place
): void {
	const { rng } = ctx;
	if (status === 'received') return;
	clock.next(0, 2); // triage
	if (status === 'triaged') return;
	if (status === 'contacting') {
		contacting(ctx, r, clock);
		return;
	}
	if (status === 'closed') {
		close(ctx, r, clock, place);
		return;
	}
	reach(ctx, r, clock);
	if (status === 'firstAppointment') {
		// Booked a day or so after speaking: most still ahead, some held but not yet written up.
		clock.next(0, 1);
		const at = rng.chance(0.7) ? officeTimeAfter(rng, ctx.nowMs, rng.int(1, 14)) : clock.next(2, 8);
		r.appointments = [{ at: isoTime(at), kind: 'first' }];
		return;
	}
	support(ctx, r, clock, place, rng.chance(0.5));
}

const CONTACTING_PATTERNS = [
	['oneFailed', 35],
	['twoFailed', 30],
	['threeFailed', 12],
	['reached', 23]
] as const;
const FAILURES = { oneFailed: 1, twoFailed: 2, threeFailed: ATTEMPTS_BEFORE_UNABLE_TO_CONTACT, reached: 0 };

/** Still trying: the first case always has three failed attempts, so "unable to contact" shows. */
function contacting(ctx: JourneyContext, r: Referral, clock: Clock): void {
	const { rng, tally } = ctx;
	const pattern = tally.contacting++ === 0 ? 'threeFailed' : rng.weighted(CONTACTING_PATTERNS);
	const failures = FAILURES[pattern];
	attempts(ctx, r, clock, failed(rng, pattern === 'reached' ? rng.int(0, 2) : failures));
	if (pattern === 'reached') attempts(ctx, r, clock, ['reached']);
}

function close(ctx: JourneyContext, r: Referral, clock: Clock, place: Place): void {
	const { rng } = ctx;
	const receivedMs = Date.parse(`${r.receivedOn}T12:00:00Z`);
	const age = (ctx.nowMs - receivedMs) / DAY_MS;
	const reason = rng.weighted(CLOSURE_WEIGHTS.filter(([code]) => CLOSURE_MIN_DAYS[code] <= age));
	switch (reason) {
		case 'unableToContact':
			// Closed only after the third failed attempt in a row, never having spoken to them.
			attempts(ctx, r, clock, failed(rng, ATTEMPTS_BEFORE_UNABLE_TO_CONTACT + (rng.chance(0.1) ? 1 : 0)));
			clock.next(2, 7);
			break;
		case 'declined':
			attempts(ctx, r, clock, [...failed(rng, rng.int(0, 2)), 'declined']);
			break;
		case 'inappropriate':
			break;
		case 'movedAway':
			reach(ctx, r, clock);
			if (rng.chance(0.5)) support(ctx, r, clock, place, false);
			clock.next(5, 40);
			break;
		default:
			reach(ctx, r, clock);
			support(ctx, r, clock, place, rng.chance(reason === 'goalsMet' ? 0.85 : 0.3));
			clock.next(reason === 'goalsMet' ? 0 : 5, reason === 'goalsMet' ? 21 : 60);
	}
	const closedOn = isoDay(clock.next(0, 3));
	r.closure = { reason, closedOn };
	if (reason === 'referredOn') r.closure.referredTo = rng.pick(REFERRED_TO);
	if (rng.chance(0.5)) r.closure.notes = rng.pick(CLOSING_NOTES[reason]);
}

/** A few unanswered calls, then the conversation. */
function reach(ctx: JourneyContext, r: Referral, clock: Clock): void {
	attempts(ctx, r, clock, [...failed(ctx.rng, ctx.rng.weighted(FAILED_BEFORE_REACHED)), 'reached']);
}

const FAILED_BEFORE_REACHED = [
	[0, 55],
	[1, 30],
	[2, 15]
] as const;

const FAILED_OUTCOME_WEIGHTS = [
	['noAnswer', 60],
	['leftMessage', 35],
	['wrongNumber', 5]
] as const;

function failed(rng: Random, count: number): ContactOutcome[] {
	return Array.from({ length: count }, () => rng.weighted(FAILED_OUTCOME_WEIGHTS));
}

const NOTES: Partial<Record<ContactOutcome, string>> = {
	reached: 'Happy to meet at home next week.',
	leftMessage: 'Voicemail: asked them to ring back.',
	declined: 'Does not want support at the moment.'
};

function attempts(ctx: JourneyContext, r: Referral, clock: Clock, outcomes: readonly ContactOutcome[]): void {
	const { rng } = ctx;
	for (const outcome of outcomes) {
		const first = r.contactAttempts.length === 0;
		const at = isoTime(clock.next(first ? 0 : 1, first ? 2 : 4));
		const channel = channelFor(rng, r, outcome);
		const note = NOTES[outcome];
		r.contactAttempts.push(
			note && rng.chance(0.3) ? { at, channel, outcome, note } : { at, channel, outcome }
		);
	}
}

/** Conversations happen by phone or on the doorstep; a failed try may be a text, email or letter. */
function channelFor(rng: Random, r: Referral, outcome: ContactOutcome): ContactChannel {
	if (outcome === 'reached' || outcome === 'declined') return rng.chance(0.9) ? 'phone' : 'homeVisit';
	if (!r.person.phone) return r.person.email && rng.chance(0.5) ? 'email' : 'letter';
	return rng.weighted(FAILED_CHANNELS);
}

const FAILED_CHANNELS = [
	['phone', 75],
	['text', 15],
	['letter', 10]
] as const;

/** The first appointment held (after one missed, now and then), baseline scores, support, follow-up. */
function support(ctx: JourneyContext, r: Referral, clock: Clock, place: Place, withFollowUp: boolean): void {
	const { rng } = ctx;
	const appointments: Appointment[] = [];
	if (rng.chance(0.1)) appointments.push({ at: isoTime(clock.next(2, 8)), kind: 'first', attended: false });
	const firstMs = clock.next(2, 10);
	appointments.push({ at: isoTime(firstMs), kind: 'first', attended: true });
	r.appointments = appointments;
	const baseline = scores(rng, isoDay(firstMs));
	r.ons4 = { baseline };
	r.supportOffered = ctx.offerSupport(clock, baseline.recordedOn, place);
	const followUpMs = firstMs + rng.int(FOLLOW_UP_AFTER_DAYS, FOLLOW_UP_AFTER_DAYS + 30) * DAY_MS;
	if (!withFollowUp || !clock.fits(followUpMs) || followUpMs < clock.t) return;
	clock.jump(followUpMs);
	appointments.push({ at: isoTime(followUpMs), kind: 'followUp', attended: true });
	r.ons4.followUp = improved(rng, baseline, isoDay(followUpMs));
}

/** ONS4 at the start: people referred to a coach usually score low, and anxious. */
function scores(rng: Random, recordedOn: string): Ons4Scores {
	return {
		recordedOn,
		lifeSatisfaction: rng.int(2, 6),
		worthwhile: rng.int(3, 7),
		happiness: rng.int(2, 6),
		anxiety: rng.int(4, 9)
	};
}

function improved(rng: Random, before: Ons4Scores, recordedOn: string): Ons4Scores {
	const up = (n: number) => Math.min(10, n + rng.int(0, 3));
	return {
		recordedOn,
		lifeSatisfaction: up(before.lifeSatisfaction),
		worthwhile: up(before.worthwhile),
		happiness: up(before.happiness),
		anxiety: Math.max(0, before.anxiety - rng.int(0, 3))
	};
}
