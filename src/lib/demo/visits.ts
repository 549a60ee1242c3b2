import {
	STARTED_STATUSES,
	ageBandForAge,
	type AgeBand,
	type ConsentMethod,
	type Occupant,
	type Outcome,
	type Visit,
	type VisitSource,
	type VisitStatus
} from '../domain/visit';
import { appointment, assignee, timeline, type BuildContext, type Built, type StaffRef } from './context';
import { DAY_MS, MINUTE_MS, YEAR_MS, isoDay, isoTime } from './dates';
import { AGE_RANGES, person, phone, type Person } from './people';
import { address, pointNear, type Place } from './places';
import {
	PROFILE_BY_AGE,
	adviceFor,
	healthAnswers,
	homeAnswers,
	onwardFor,
	type Profile
} from './visit-answers';

/** A built visit with what the record does not keep: each occupant's full birth date, for referrals. */
export type VisitDraft = Built<Visit> & { people: Person[]; officer?: StaffRef };

const STATUS_WEIGHTS: readonly (readonly [VisitStatus, number])[] = [
	['requested', 10],
	['scheduled', 15],
	['inProgress', 4],
	['completed', 38],
	['closed', 23],
	['noAccess', 6],
	['declined', 4]
];

// Safe and Well visits go mostly to older people.
const AGE_BAND_WEIGHTS: readonly (readonly [AgeBand, number])[] = [
	['18-64', 15],
	['65-74', 28],
	['75-84', 35],
	['85+', 22]
];

const SOURCE_WEIGHTS: readonly (readonly [VisitSource, number])[] = [
	['adultSocialCare', 25],
	['gp', 18],
	['self', 15],
	['partnerAgency', 15],
	['family', 14],
	['fireService', 10],
	['other', 3]
];

const CONSENT_METHOD_WEIGHTS: readonly (readonly [ConsentMethod, number])[] = [
	['verbal', 70],
	['written', 20],
	['electronic', 10]
];

const HOUSEHOLD_SIZE = [
	[1, 55],
	[2, 38],
	[3, 7]
] as const;

const NOTES = [
	'Daughter calls in most days.',
	'Neighbour holds a spare key.',
	'Dog in the house: knock and wait.',
	'Prefers morning visits.',
	'Hearing aid not always worn: speak clearly and face them.',
	'Son lives nearby and helps with shopping.'
];

const THREE_YEARS = 3 * 365;

export function buildVisit(ctx: BuildContext, place: Place): VisitDraft {
	const { rng } = ctx;
	const status = rng.weighted(STATUS_WEIGHTS);
	const times = visitTimes(ctx, status);
	// Ages as they were on the day of the visit, so a stored age band and birth date agree.
	const dayMs = times.scheduledMs ?? times.createdMs;
	const band = rng.weighted(AGE_BAND_WEIGHTS);
	const people = household(ctx, band, dayMs);
	const livesAlone = people.length === 1;
	const occupants = people.map((who, i) =>
		occupant(ctx, who, i === 0 ? band : bandOf(who, dayMs), livesAlone)
	);
	const { lat, lon } = pointNear(rng, place);
	const data: Visit = {
		status,
		address: address(rng, place),
		location: { lat, lon, accuracyM: rng.int(3, 25) },
		source: rng.weighted(SOURCE_WEIGHTS),
		occupants,
		adviceGiven: [],
		onwardReferrals: []
	};
	const draft: VisitDraft = { createdMs: times.createdMs, updatedMs: times.updatedMs, data, people };
	// Optional fields only when present, so no key is ever `undefined`.
	if (times.scheduledMs !== undefined) {
		data.scheduledFor = isoTime(times.scheduledMs);
		const officer = assignee(ctx, 'fireOfficer', place.areaId);
		if (officer) {
			data.assignedTo = officer.id;
			draft.officer = officer;
		}
		if (STARTED_STATUSES.includes(status))
			record(ctx, draft, times.scheduledMs, rng.weighted(PROFILE_BY_AGE[band]));
	}
	const outcome = outcomeFor(ctx, status);
	if (outcome) data.outcome = outcome;
	return draft;
}

/** One to three people: someone living alone, a couple, or a couple with a grown-up son or daughter. */
function household(ctx: BuildContext, band: AgeBand, dayMs: number): Person[] {
	const { rng } = ctx;
	const [minAge, maxAge] = AGE_RANGES[band];
	const size = rng.weighted(HOUSEHOLD_SIZE);
	const people = [person(rng, dayMs, minAge, maxAge)];
	if (size >= 2) people.push(person(rng, dayMs, minAge, maxAge));
	if (size >= 3) people.push(person(rng, dayMs, 25, Math.max(25, minAge - 20)));
	return people;
}

function bandOf(who: Person, dayMs: number): AgeBand {
	const age = (dayMs - who.bornMs) / YEAR_MS;
	return ageBandForAge(age) ?? '18-64';
}

/** Some officers take a date of birth, most an age band; the schema needs one or the other. */
function occupant(ctx: BuildContext, who: Person, band: AgeBand, livesAlone: boolean): Occupant {
	const { rng } = ctx;
	const result: Occupant = rng.chance(0.35)
		? { name: who.name, dateOfBirth: isoDay(who.bornMs), livesAlone }
		: { name: who.name, ageBand: band, livesAlone };
	if (rng.chance(0.6)) result.phone = phone(rng);
	return result;
}

/** Consent, then the answers: health only with consent to record it; advice and referrals on. */
function record(ctx: BuildContext, draft: VisitDraft, scheduledMs: number, profile: Profile): void {
	const { rng } = ctx;
	const visit = draft.data;
	const consent = {
		toVisit: true,
		toRecordHealth: rng.chance(0.92),
		toShare: rng.chance(0.85),
		method: rng.weighted(CONSENT_METHOD_WEIGHTS),
		// Taken on the doorstep, and never after the record's last change (nor `now`).
		recordedAt: isoTime(Math.min(scheduledMs + rng.int(2, 15) * MINUTE_MS, draft.updatedMs)),
		recordedBy: draft.officer?.name ?? 'Cumbria Fire and Rescue Service'
	};
	visit.consent = consent;
	// A visit under way may have got no further than consent.
	if (visit.status === 'inProgress' && rng.chance(0.5)) return;
	if (consent.toRecordHealth) {
		visit.occupants.forEach((o, i) => {
			Object.assign(o, healthAnswers(rng, i === 0 ? profile : rng.weighted(PROFILE_BY_AGE['65-74'])));
		});
	}
	const home = homeAnswers(rng, profile, visit.occupants);
	visit.home = home;
	visit.adviceGiven = adviceFor(rng, home, visit.occupants);
	visit.onwardReferrals = onwardFor(rng, home, visit.occupants, consent.toShare);
	if (rng.chance(0.25)) visit.notes = rng.pick(NOTES);
}

/** Outcomes that fit the status: finished visits completed (a few partly), exits say why. */
function outcomeFor(ctx: BuildContext, status: VisitStatus): Outcome | undefined {
	const { rng } = ctx;
	switch (status) {
		case 'completed':
		case 'closed':
			return rng.chance(0.85) ? 'completed' : 'partial';
		case 'noAccess':
			return 'noAccess';
		case 'declined':
			return 'refused';
		// An earlier attempt's outcome may stand until the new one.
		case 'scheduled':
			return rng.chance(0.1) ? 'rebook' : undefined;
		case 'requested':
			return rng.chance(0.05) ? 'noAccess' : undefined;
		default:
			return undefined;
	}
}

/** Times that fit the status: open requests are recent, past visits fall between creation and update. */
function visitTimes(
	ctx: BuildContext,
	status: VisitStatus
): { createdMs: number; updatedMs: number; scheduledMs?: number } {
	const { rng, nowMs } = ctx;
	switch (status) {
		case 'requested':
			return timeline(ctx, 21);
		case 'declined':
			return timeline(ctx, THREE_YEARS);
		case 'scheduled': {
			const { createdMs, updatedMs } = timeline(ctx, 30);
			return { createdMs, updatedMs, scheduledMs: appointment(rng, nowMs + rng.int(1, 28) * DAY_MS) };
		}
		default: {
			// Built backwards from the last update so that created <= scheduled <= updated <= now.
			const maxAgeDays = status === 'inProgress' ? 2 : THREE_YEARS;
			const updatedMs = rng.msBetween(nowMs - maxAgeDays * DAY_MS, nowMs);
			let scheduledMs = appointment(rng, updatedMs - rng.int(0, 7) * DAY_MS);
			if (scheduledMs > updatedMs) scheduledMs -= DAY_MS;
			const createdMs = scheduledMs - rng.int(1, 42) * DAY_MS - rng.int(0, 480) * MINUTE_MS;
			return { createdMs, updatedMs, scheduledMs };
		}
	}
}
