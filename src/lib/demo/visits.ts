import { appointment, assignee, timeline, type BuildContext, type Built } from './context';
import { DAY_MS, MINUTE_MS, isoTime } from './dates';
import { AGE_BANDS, person, type AgeBand } from './people';
import { address, pointNear, type Address, type Place } from './places';

export type VisitStatus =
	'requested' | 'scheduled' | 'inProgress' | 'completed' | 'closed' | 'noAccess' | 'declined';

export type VisitData = {
	status: VisitStatus;
	scheduledFor?: string;
	address: Address;
	location: { lat: number; lon: number; accuracyM: number };
	occupant: { name: string; ageBand: AgeBand; livesAlone: boolean };
	source: string;
	assignedTo?: string;
};

const STATUS_WEIGHTS = [
	['requested', 10],
	['scheduled', 15],
	['inProgress', 4],
	['completed', 38],
	['closed', 23],
	['noAccess', 6],
	['declined', 4]
] as const;

// Safe and Well visits go mostly to older people.
const AGE_BAND_WEIGHTS = [
	['18-64', 15],
	['65-74', 28],
	['75-84', 35],
	['85+', 22]
] as const;

const SOURCES = [
	['Adult social care', 25],
	['Self', 15],
	['GP', 15],
	['Partner agency', 15],
	['Family member', 12],
	['Housing provider', 10],
	['Health and Wellbeing Coach', 8]
] as const;

const THREE_YEARS = 3 * 365;

export function buildVisit(ctx: BuildContext, place: Place): Built<VisitData> {
	const { rng, nowMs } = ctx;
	const status = rng.weighted(STATUS_WEIGHTS);
	const times = visitTimes(ctx, status);
	const ageBand = rng.weighted(AGE_BAND_WEIGHTS);
	const [minAge, maxAge] = AGE_BANDS[ageBand];
	const { lat, lon } = pointNear(rng, place);
	const data: VisitData = {
		status,
		address: address(rng, place),
		location: { lat, lon, accuracyM: rng.int(3, 25) },
		occupant: {
			name: person(rng, nowMs, minAge, maxAge).name,
			ageBand,
			livesAlone: rng.chance(ageBand === '18-64' ? 0.3 : 0.55)
		},
		source: rng.weighted(SOURCES)
	};
	// Optional fields only when present, so no key is ever `undefined`.
	if (times.scheduledMs !== undefined) {
		data.scheduledFor = isoTime(times.scheduledMs);
		const officer = assignee(ctx, 'fireOfficer', place.areaId);
		if (officer) data.assignedTo = officer;
	}
	return { createdMs: times.createdMs, updatedMs: times.updatedMs, data };
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
