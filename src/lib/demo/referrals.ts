import { assignee, timeline, type BuildContext, type Built } from './context';
import { DAY_MS, isoDay } from './dates';
import { person, phone } from './people';
import { address, type Address, type Place } from './places';

export type ReferralStatus =
	'received' | 'triaged' | 'contacting' | 'firstAppointment' | 'inProgress' | 'closed';
export type ReferralSource =
	'self' | 'gp' | 'safeAndWellVisit' | 'adultSocialCare' | 'housing' | 'voluntarySector' | 'other';
export type ReferralReason = (typeof REASONS)[number];

export type ReferralData = {
	status: ReferralStatus;
	person: { name: string; dateOfBirth: string; address: Address; phone: string };
	source: ReferralSource;
	reasons: ReferralReason[];
	receivedOn: string;
	assignedCoach?: string;
};

export const REASONS = [
	'mentalWellbeing',
	'hoarding',
	'isolation',
	'healthyEating',
	'smoking',
	'alcohol',
	'physicalActivity',
	'money',
	'housing',
	'other'
] as const;

const STATUS_WEIGHTS = [
	['received', 8],
	['triaged', 10],
	['contacting', 10],
	['firstAppointment', 12],
	['inProgress', 25],
	['closed', 35]
] as const;

const SOURCE_WEIGHTS = [
	['gp', 30],
	['safeAndWellVisit', 20],
	['self', 15],
	['adultSocialCare', 15],
	['housing', 8],
	['voluntarySector', 8],
	['other', 4]
] as const;

// Referrals still waiting for first contact are recent; the rest span three years.
const RECENT_STATUSES: readonly ReferralStatus[] = ['received', 'triaged', 'contacting'];

export function buildReferral(ctx: BuildContext, place: Place): Built<ReferralData> {
	const { rng, nowMs } = ctx;
	const status = rng.weighted(STATUS_WEIGHTS);
	const { createdMs, updatedMs } = timeline(ctx, RECENT_STATUSES.includes(status) ? 30 : 3 * 365);
	const who = person(rng, nowMs, 18, 95);
	const data: ReferralData = {
		status,
		person: {
			name: who.name,
			dateOfBirth: isoDay(who.bornMs),
			address: address(rng, place),
			phone: phone(rng)
		},
		source: rng.weighted(SOURCE_WEIGHTS),
		reasons: rng.sample(REASONS, rng.int(1, 3)),
		// Logged on the day it arrived or up to three days later.
		receivedOn: isoDay(createdMs - rng.int(0, 3) * DAY_MS)
	};
	// A coach is assigned at triage; optional fields only when present.
	const coach = status === 'received' ? undefined : assignee(ctx, 'coach', place.areaId);
	if (coach) data.assignedCoach = coach;
	return { createdMs, updatedMs, data };
}
