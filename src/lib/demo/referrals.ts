import type { AreaId } from '../domain/areas';
import type { RecordEnvelope } from '../domain/records';
import {
	REASONS,
	type Referral,
	type ReferralReason,
	type ReferralSource,
	type ReferralStatus,
	type SupportOffered
} from '../domain/referral';
import { linkCoachReferral, referralPrefill, type CoachReferralPrefill } from '../domain/visit';
import { appointment, assignee, type BuildContext, type Built } from './context';
import { DAY_MS, MINUTE_MS, isoDay, isoTime } from './dates';
import { email, nhsNumber, person, phone } from './people';
import { address, type Place } from './places';
import { Clock, progress, type JourneyContext } from './referral-journey';
import type { VisitDraft } from './visits';

/** A visit a coach referral could come from, with its stored envelope so the link goes both ways. */
export type VisitCandidate = { envelope: RecordEnvelope; draft: VisitDraft };
/** A published community asset a coach can offer as support. */
export type AssetRef = { id: string; name: string; town?: string };

const STATUS_WEIGHTS: readonly (readonly [ReferralStatus, number])[] = [
	['received', 8],
	['triaged', 10],
	['contacting', 10],
	['firstAppointment', 12],
	['inProgress', 25],
	['closed', 35]
];

/** How many days ago a referral in each status arrived: waiting ones are recent, closed ones span years. */
const RECEIVED_DAYS_AGO: Readonly<Record<ReferralStatus, readonly [number, number]>> = {
	received: [0, 2],
	triaged: [1, 6],
	contacting: [6, 21],
	firstAppointment: [8, 30],
	inProgress: [40, 300],
	closed: [14, 1200]
};

const SOURCE_WEIGHTS: readonly (readonly [Exclude<ReferralSource, 'safeAndWellVisit'>, number])[] = [
	['gp', 38],
	['self', 19],
	['adultSocialCare', 19],
	['housing', 10],
	['voluntarySector', 10],
	['other', 4]
];

/** About one referral in five comes from a Safe and Well visit, as in the issue. */
const FROM_VISIT_SHARE = 0.2;

const OTHER_SOURCES = [
	'Parish council',
	'Police neighbourhood team',
	'Church minister',
	'Community pharmacist'
];
const OTHER_REASONS = ['Bereavement', 'Caring for a partner', 'Sleep problems'];
const WHAT_MATTERS = [
	'Getting out of the house more and seeing friends.',
	'Staying in their own home.',
	'Getting back to the walking group.',
	'Feeling less anxious about money.',
	'Seeing the grandchildren more.',
	'Sorting out the house so family can visit again.'
];
const SUPPORT_WITHOUT_ASSET = [
	'Weekly phone call from a volunteer befriender',
	'Help to claim Pension Credit',
	'Self-help booklet on sleep and worry'
];

const TAKEN_UP = [
	['yes', 60],
	['no', 20],
	['notYet', 20]
] as const;

export type ReferralMaker = (id: string, place: Place) => Built<Referral>;

/**
 * Builds referrals in one area after another. `visits` is the pool of visits that suggest a coach
 * referral, by area; a referral drawn from one takes it out of the pool and links both ways.
 */
export function referralMaker(
	ctx: BuildContext,
	assets: ReadonlyMap<string, readonly AssetRef[]>,
	visits: Map<AreaId, VisitCandidate[]>
): ReferralMaker {
	const jctx: JourneyContext = { ...ctx, offerSupport: supportFrom(ctx, assets), tally: { contacting: 0 } };
	const limit = ctx.nowMs - 5 * MINUTE_MS;
	return (id, place) => {
		const { rng } = ctx;
		const pool = visits.get(place.areaId);
		const linked = pool && pool.length > 0 && rng.chance(FROM_VISIT_SHARE) ? take(ctx, pool) : undefined;
		const intake = linked ? fromVisit(ctx, linked) : fresh(ctx, place);
		const { data, receivedMs, status, prefill } = intake;
		const coach = status === 'received' ? undefined : assignee(ctx, 'coach', place.areaId);
		if (coach) data.assignedCoach = coach.id;
		const createdMs = Math.min(receivedMs + rng.int(0, 120) * MINUTE_MS, limit);
		const clock = new Clock(rng, createdMs, limit);
		progress(jctx, data, status, clock, place);
		// What matters to them is asked once the coach has spoken to them.
		if (data.contactAttempts.some((a) => a.outcome === 'reached') && rng.chance(0.8)) {
			data.whatMatters = rng.pick(WHAT_MATTERS);
		}
		if (linked && prefill) {
			// The visit now names the referral: linking is an edit to the visit too.
			linked.envelope.data = linkCoachReferral(linked.draft.data, id, prefill);
			linked.envelope.updatedAt = isoTime(Math.max(linked.draft.updatedMs, createdMs));
		}
		return { createdMs, updatedMs: clock.t, data };
	};
}

type Intake = {
	data: Referral;
	receivedMs: number;
	status: ReferralStatus;
	prefill?: CoachReferralPrefill;
};

function take(ctx: BuildContext, pool: VisitCandidate[]): VisitCandidate | undefined {
	const i = ctx.rng.int(0, pool.length - 1);
	const picked = pool[i];
	// Swap-remove: order does not matter and 50,000 records must not pay for splice.
	pool[i] = pool[pool.length - 1] as VisitCandidate;
	pool.pop();
	return picked;
}

function fresh(ctx: BuildContext, place: Place): Intake {
	const { rng, nowMs } = ctx;
	const status = rng.weighted(STATUS_WEIGHTS);
	const [lo, hi] = RECEIVED_DAYS_AGO[status];
	const receivedMs = Math.min(
		appointment(rng, nowMs - rng.int(lo, hi) * DAY_MS),
		nowMs - rng.int(30, 180) * MINUTE_MS
	);
	const who = person(rng, receivedMs, 18, 95);
	const source = rng.weighted(SOURCE_WEIGHTS);
	const reasons = rng.sample(REASONS, rng.int(1, 3));
	const p: Referral['person'] = {
		name: who.name,
		dateOfBirth: isoDay(who.bornMs),
		address: address(rng, place)
	};
	const data = base(status, p, source, reasons, receivedMs);
	if (rng.chance(0.85)) p.phone = phone(rng);
	if (!p.phone || rng.chance(0.2)) p.email = email(rng, who);
	if (rng.chance(0.35)) p.nhsNumber = nhsNumber(rng);
	if (source === 'other') data.sourceDetails = rng.pick(OTHER_SOURCES);
	if (source !== 'self') data.referrerName = referrer(ctx, source);
	if (reasons.includes('other')) data.otherReason = rng.pick(OTHER_REASONS);
	// Only someone not yet being contacted can still be waiting for their agreement.
	data.consentToContact = status === 'received' || status === 'triaged' ? rng.chance(0.9) : true;
	data.consentToShare = rng.chance(0.85);
	if (data.consentToContact || data.consentToShare) {
		data.consentRecordedAt = isoTime(receivedMs - rng.int(0, 48 * 60) * MINUTE_MS);
	}
	return { data, receivedMs, status };
}

/**
 * A coach referral raised from a visit, as the app raises it: the visit's prefill gives the person (one
 * of its occupants, at its address), the reasons and the consent; it arrives on the visit day or soon after.
 */
function fromVisit(ctx: BuildContext, candidate: VisitCandidate): Intake {
	const { rng, nowMs } = ctx;
	const { draft } = candidate;
	const visitMs = Date.parse(draft.data.scheduledFor ?? '') || draft.createdMs;
	const receivedMs = Math.max(
		visitMs,
		Math.min(appointment(rng, visitMs + rng.int(0, 3) * DAY_MS), nowMs - 30 * MINUTE_MS)
	);
	const age = (nowMs - receivedMs) / DAY_MS;
	const fits = STATUS_WEIGHTS.filter(([status]) => {
		const [lo, hi] = RECEIVED_DAYS_AGO[status];
		return lo <= age && age <= hi + 1;
	});
	const status = fits.length > 0 ? rng.weighted(fits) : 'closed';
	// The person the visit's answers say most about.
	let best = 0;
	let prefill = referralPrefill(draft.data, 0, candidate.envelope.id);
	for (let i = 1; i < draft.data.occupants.length; i++) {
		const other = referralPrefill(draft.data, i, candidate.envelope.id);
		if (other.reasons.length > prefill.reasons.length) [best, prefill] = [i, other];
	}
	const bornMs = draft.people[best]?.bornMs ?? visitMs - 80 * 365 * DAY_MS;
	const p: Referral['person'] = {
		name: prefill.person.name,
		dateOfBirth: prefill.person.dateOfBirth ?? isoDay(bornMs),
		address: { ...prefill.person.address }
	};
	if (prefill.person.phone) p.phone = prefill.person.phone;
	const reasons = prefill.reasons.length > 0 ? prefill.reasons : (['isolation'] as ReferralReason[]);
	const data = base(status, p, 'safeAndWellVisit', reasons, receivedMs);
	data.visitId = candidate.envelope.id;
	if (draft.officer) data.referrerName = draft.officer.name;
	data.consentToContact = true;
	data.consentToShare = prefill.consentToShare;
	data.consentRecordedAt = prefill.consentRecordedAt ?? isoTime(visitMs);
	return { data, receivedMs, status, prefill };
}

function base(
	status: ReferralStatus,
	p: Referral['person'],
	source: ReferralSource,
	reasons: ReferralReason[],
	receivedMs: number
): Referral {
	return {
		status,
		person: p,
		source,
		reasons,
		consentToContact: false,
		consentToShare: false,
		receivedOn: isoDay(receivedMs),
		contactAttempts: [],
		supportOffered: [],
		ons4: {}
	};
}

function referrer(ctx: BuildContext, source: ReferralSource): string {
	const who = person(ctx.rng, ctx.nowMs, 28, 62);
	return source === 'gp' ? `Dr ${who.lastName}` : who.name;
}

/**
 * Support is what the town has: published, active assets there first, then elsewhere in the area,
 * and where there is none, help that is not in the directory.
 */
function supportFrom(
	ctx: BuildContext,
	assets: ReadonlyMap<string, readonly AssetRef[]>
): JourneyContext['offerSupport'] {
	const { rng } = ctx;
	return (clock, firstDay, place) => {
		const local = assets.get(`town/${place.name}`) ?? [];
		const pool = local.length > 0 && rng.chance(0.7) ? local : (assets.get(`area/${place.areaId}`) ?? []);
		const count = rng.int(1, 3);
		const offered: SupportOffered[] = [];
		const seen = new Set<string>();
		for (let i = 0; i < count; i++) {
			// Drawn by index, not `sample`: copying an area's whole list per referral is too slow at 50,000.
			const drawn = pool.length > 0 ? pool[rng.int(0, pool.length - 1)] : undefined;
			const asset = drawn && !seen.has(drawn.id) ? drawn : undefined;
			if (asset) seen.add(asset.id);
			const offeredOn = i === 0 ? firstDay : isoDay(clock.next(3, 21));
			const item: SupportOffered = asset
				? { assetId: asset.id, description: asset.name, offeredOn }
				: { description: rng.pick(SUPPORT_WITHOUT_ASSET), offeredOn };
			const takenUp = rng.weighted(TAKEN_UP);
			if (takenUp !== 'notYet') item.takenUp = takenUp === 'yes';
			offered.push(item);
		}
		return offered;
	};
}
