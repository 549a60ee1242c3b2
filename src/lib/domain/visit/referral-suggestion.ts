import type { Address } from '../common/fields';
import { ageBandOf, visitDay } from './age';
import {
	CLUTTER_ROOM_LABELS,
	COACH_REASON_LABELS,
	COACH_REASONS,
	type CoachReason,
	type OnwardReferralTo
} from './codes';
import { worstClutter } from './risk-factors';
import type { Occupant, OnwardReferral, Visit } from './schema';

/**
 * Visit → coach referral in one step. The visit's answers suggest a Health and Wellbeing Coach
 * referral; the prefill carries the person, reasons and consent across; the link goes both ways
 * (the referral names the visit, the visit's onward referral names the referral).
 */

/** CIR from which the fire risk rises (domain.md §2), so clutter help is offered. */
export const HOARDING_CIR = 5;

export interface CoachReferralSuggestion {
	/** True when there is a reason and no coach referral has been raised from this visit yet. */
	suggested: boolean;
	reasons: CoachReason[];
	because: { reason: CoachReason; why: string }[];
}

export interface CoachReferralPrefill {
	person: { name: string; dateOfBirth?: string; address: Address; phone?: string };
	reasons: CoachReason[];
	consentToShare: boolean;
	/** When the visit's consent was taken, if it was. */
	consentRecordedAt?: string;
	source: 'safeAndWellVisit';
	visitId: string;
}

// An onward referral already recorded points at the same need a coach can help with.
const FROM_ONWARD: Partial<Record<OnwardReferralTo, CoachReason>> = {
	hoarding: 'hoarding',
	socialIsolation: 'isolation',
	alcohol: 'alcohol',
	smokingCessation: 'smoking',
	benefits: 'money',
	affordableWarmth: 'money'
};

type Because = { reason: CoachReason; why: string };

function personReasons(o: Occupant, day: string | undefined): Because[] {
	const found: Because[] = [];
	const band = ageBandOf(o, day);
	if (o.livesAlone && o.careReceived === 'none') {
		found.push({ reason: 'isolation', why: `${o.name} lives alone with no regular carers or helpers` });
	} else if (o.livesAlone && (band === '75-84' || band === '85+')) {
		found.push({ reason: 'isolation', why: `${o.name} lives alone, aged 75 or over` });
	}
	if (o.alcohol === 'heavy') found.push({ reason: 'alcohol', why: `${o.name} drinks heavily` });
	if (o.smoking?.smokes) found.push({ reason: 'smoking', why: `${o.name} smokes` });
	if (o.mobility === 'reduced') {
		found.push({ reason: 'physicalActivity', why: `${o.name} is slower or unsteady on their feet` });
	}
	return found;
}

function homeReasons(visit: Visit): Because[] {
	const found: Because[] = [];
	const worst = worstClutter(visit);
	if (worst && worst.rating >= HOARDING_CIR) {
		const room = CLUTTER_ROOM_LABELS[worst.room].toLowerCase();
		found.push({ reason: 'hoarding', why: `Clutter Image Rating ${worst.rating} in the ${room}` });
	}
	if (visit.home?.heating === 'none') found.push({ reason: 'money', why: 'No working heating' });
	for (const referral of visit.onwardReferrals) {
		const reason = FROM_ONWARD[referral.to];
		if (reason) found.push({ reason, why: `Onward referral: ${referral.reason}` });
	}
	return found;
}

/** One line per reason (the first found), in the coach referral's own order. */
function tidy(found: Because[]): Because[] {
	return COACH_REASONS.flatMap((reason) => found.find((b) => b.reason === reason) ?? []);
}

const coachReferralRaised = (visit: Visit) =>
	visit.onwardReferrals.some((r) => r.to === 'wellbeingCoach' && r.referralId !== undefined);

export function suggestCoachReferral(visit: Visit): CoachReferralSuggestion {
	const day = visitDay(visit);
	const because = tidy([...visit.occupants.flatMap((o) => personReasons(o, day)), ...homeReasons(visit)]);
	const reasons = because.map((b) => b.reason);
	return { suggested: reasons.length > 0 && !coachReferralRaised(visit), reasons, because };
}

/** A coach referral for one person in the home, ready for the referral form. */
export function referralPrefill(visit: Visit, occupantIndex: number, visitId: string): CoachReferralPrefill {
	const occupant = visit.occupants[occupantIndex];
	if (!occupant) throw new RangeError(`This visit has no person number ${occupantIndex + 1}`);
	const because = tidy([...personReasons(occupant, visitDay(visit)), ...homeReasons(visit)]);
	const person: CoachReferralPrefill['person'] = { name: occupant.name, address: visit.address };
	if (occupant.dateOfBirth) person.dateOfBirth = occupant.dateOfBirth;
	if (occupant.phone) person.phone = occupant.phone;
	const agreedForCoach = visit.onwardReferrals.some(
		(r) => r.to === 'wellbeingCoach' && r.consentToShare === true
	);
	const prefill: CoachReferralPrefill = {
		person,
		reasons: because.map((b) => b.reason),
		consentToShare: visit.consent?.toShare === true || agreedForCoach,
		source: 'safeAndWellVisit',
		visitId
	};
	if (visit.consent) prefill.consentRecordedAt = visit.consent.recordedAt;
	return prefill;
}

/**
 * The visit with its side of the link: the coach onward referral not yet raised gets the referral's
 * id, or one is added. Without consent to share the result is refused by `visitSchema`, as it should be.
 */
export function linkCoachReferral(visit: Visit, referralId: string, prefill: CoachReferralPrefill): Visit {
	const onwardReferrals = [...visit.onwardReferrals];
	const i = onwardReferrals.findIndex(
		(r) => r.to === 'wellbeingCoach' && (r.referralId === undefined || r.referralId === referralId)
	);
	const existing = onwardReferrals[i];
	if (existing) {
		onwardReferrals[i] = { ...existing, referralId };
	} else {
		const reasons = prefill.reasons.map((r) => COACH_REASON_LABELS[r]).join(', ');
		const added: OnwardReferral = {
			to: 'wellbeingCoach',
			reason: reasons || 'Raised from the Safe and Well visit',
			consentToShare: prefill.consentToShare,
			referralId
		};
		onwardReferrals.push(added);
	}
	return { ...visit, onwardReferrals };
}
