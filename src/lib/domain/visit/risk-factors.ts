import { ageBandOf } from './age';
import {
	AGE_BAND_LABELS,
	CLUTTER_ROOM_LABELS,
	CLUTTER_ROOMS,
	type AgeBand,
	type Alcohol,
	type Cognition,
	type Cooking,
	type Heating,
	type Mobility
} from './codes';
import type { Occupant, Visit } from './schema';

/**
 * One CHARLIE-P style domain per function: each scores 1, 2, 4, 8 or 10 (rare, unlikely, possible,
 * likely, almost certain) and says why. Anything not recorded scores 1 and says so, so the officer can
 * see what the score could not take into account. The table is in `risk.ts`.
 */

export interface Scored {
	points: 1 | 2 | 4 | 8 | 10;
	why: string;
}

const NOT_RECORDED: Scored = { points: 1, why: 'Not recorded' };

type PersonScorer = (occupant: Occupant, visit: Visit, day: string | undefined) => Scored;
type HomeScorer = (visit: Visit) => Scored;

const needsSupport = (o: Occupant) =>
	o.mobility === 'usesAid' ||
	o.mobility === 'bedbound' ||
	o.cognition === 'memoryConcerns' ||
	o.cognition === 'dementia';
const significantNeeds = (o: Occupant) => o.mobility === 'bedbound' || o.cognition === 'dementia';

const care: PersonScorer = (o) => {
	switch (o.careReceived) {
		case undefined:
			return NOT_RECORDED;
		case 'none':
			if (significantNeeds(o)) return { points: 10, why: 'No care or support, with significant needs' };
			if (needsSupport(o)) return { points: 8, why: 'No care or support, with needs' };
			return { points: 1, why: 'No care or support needed' };
		case 'informal':
			return needsSupport(o)
				? { points: 4, why: 'Only informal help, which may not meet their needs' }
				: { points: 2, why: 'Informal help that meets their needs' };
		default:
			return { points: 2, why: 'Receives care and support' };
	}
};

const AGE: Record<AgeBand, Scored['points']> = { '18-64': 1, '65-74': 2, '75-84': 4, '85+': 8 };
const age: PersonScorer = (o, _visit, day) => {
	const band = ageBandOf(o, day);
	if (!band) return { points: 1, why: o.dateOfBirth && day ? 'Under 18' : 'Age not known' };
	return { points: AGE[band], why: `Aged ${AGE_BAND_LABELS[band]}` };
};

const livesAlone: PersonScorer = (o) => {
	if (!o.livesAlone) return { points: 1, why: 'Lives with others' };
	if (o.careReceived === undefined) return { points: 4, why: 'Lives alone' };
	if (o.careReceived === 'none') return { points: 8, why: 'Lives alone with no regular carers or helpers' };
	return { points: 4, why: 'Lives alone; carers or helpers visit' };
};

const smoking: PersonScorer = (o) => {
	if (!o.smoking) return NOT_RECORDED;
	if (!o.smoking.smokes) return { points: 1, why: 'Does not smoke' };
	if (o.smoking.inBed) return { points: 8, why: 'Smokes in bed' };
	return { points: 4, why: 'Smokes' };
};

const ALCOHOL: Record<Alcohol, Scored> = {
	none: { points: 1, why: 'Does not drink' },
	moderate: { points: 2, why: 'Drinks, no concerns' },
	heavy: { points: 8, why: 'Drinks heavily' }
};
const alcohol: PersonScorer = (o) => (o.alcohol ? ALCOHOL[o.alcohol] : NOT_RECORDED);

const MOBILITY: Record<Mobility, Scored> = {
	none: { points: 1, why: 'Gets about without difficulty' },
	reduced: { points: 2, why: 'Slower or unsteady on their feet' },
	usesAid: { points: 4, why: 'Uses a walking aid or wheelchair' },
	bedbound: { points: 10, why: 'Cannot get out of bed or a chair alone' }
};
const mobility: PersonScorer = (o) => (o.mobility ? MOBILITY[o.mobility] : NOT_RECORDED);

const COGNITION: Record<Cognition, Scored> = {
	none: { points: 1, why: 'No concerns about memory' },
	memoryConcerns: { points: 4, why: 'Concerns about memory or confusion' },
	dementia: { points: 8, why: 'Has dementia' }
};
const cognition: PersonScorer = (o) => (o.cognition ? COGNITION[o.cognition] : NOT_RECORDED);

// A strobe or vibrating pad lets a deaf person know of a fire, so most of the hearing risk goes.
const hearing: PersonScorer = (o, visit) => {
	if (!o.hearing) return NOT_RECORDED;
	if (o.hearing === 'none') return { points: 1, why: 'No difficulty hearing' };
	const who = o.hearing === 'deaf' ? 'Deaf' : 'Hard of hearing';
	const alarms = visit.home?.specialistAlarms ?? [];
	if (alarms.includes('strobe') || alarms.includes('vibratingPad')) {
		return { points: 2, why: `${who}; strobe or vibrating alarm fitted` };
	}
	return o.hearing === 'deaf'
		? { points: 8, why: 'Deaf, with no strobe or vibrating alarm' }
		: { points: 4, why: 'Hard of hearing, with no strobe or vibrating alarm' };
};

const oxygen: PersonScorer = (o) => {
	if (o.homeOxygen === undefined) return NOT_RECORDED;
	return o.homeOxygen ? { points: 8, why: 'Uses oxygen at home' } : { points: 1, why: 'No home oxygen' };
};

const COOKING: Record<Cooking, Scored> = {
	noConcerns: { points: 1, why: 'No concerns about cooking' },
	preparedByOthers: { points: 2, why: 'Meals are made by someone else' },
	healthMayAffect: { points: 4, why: 'Their health may affect kitchen safety' },
	concernsRaised: { points: 8, why: 'They or others are worried about their cooking' },
	fireInLast12Months: { points: 10, why: 'A fire at home in the last 12 months' }
};
const cooking: HomeScorer = (v) => (v.home?.cooking ? COOKING[v.home.cooking] : NOT_RECORDED);

/** CHARLIE-P's hoarding row, on the most cluttered room. */
export function clutterPoints(rating: number): Scored['points'] {
	if (rating >= 8) return 10;
	if (rating >= 6) return 8;
	if (rating >= 4) return 4;
	if (rating === 3) return 2;
	return 1;
}

/** The most cluttered room, if any room was rated; the first listed wins a tie. */
export function worstClutter(
	visit: Visit
): { room: (typeof CLUTTER_ROOMS)[number]; rating: number } | undefined {
	let worst: { room: (typeof CLUTTER_ROOMS)[number]; rating: number } | undefined;
	for (const room of CLUTTER_ROOMS) {
		const rating = visit.home?.clutter[room];
		if (rating !== undefined && (!worst || rating > worst.rating)) worst = { room, rating };
	}
	return worst;
}

const hoarding: HomeScorer = (v) => {
	const worst = worstClutter(v);
	if (!worst) return NOT_RECORDED;
	const where = CLUTTER_ROOM_LABELS[worst.room].toLowerCase();
	return { points: clutterPoints(worst.rating), why: `Clutter Image Rating ${worst.rating} in the ${where}` };
};

const HEATING: Record<Heating, Scored> = {
	central: { points: 1, why: 'Central heating' },
	storageHeaters: { points: 1, why: 'Storage heaters' },
	fixedRoomHeaters: { points: 1, why: 'Fixed room heaters' },
	openFireOrStove: { points: 2, why: 'Open fire or stove' },
	portableHeaters: { points: 4, why: 'Relies on portable heaters' },
	none: { points: 4, why: 'No working heating: a cold home' }
};
const heating: HomeScorer = (v) => (v.home?.heating ? HEATING[v.home.heating] : NOT_RECORDED);

const yesNoScorer =
	(pick: (home: NonNullable<Visit['home']>) => boolean | undefined, yes: Scored, no: string): HomeScorer =>
	(v) => {
		const answer = v.home ? pick(v.home) : undefined;
		if (answer === undefined) return NOT_RECORDED;
		return answer ? yes : { points: 1, why: no };
	};

const electrics = yesNoScorer(
	(h) => h.electricsConcern,
	{ points: 4, why: 'Concern about the electrics' },
	'No concern about the electrics'
);
const candles = yesNoScorer(
	(h) => h.candles,
	{ points: 2, why: 'Uses candles or naked flames' },
	'No candles'
);
const arson = yesNoScorer((h) => h.arsonRisk, { points: 8, why: 'At risk of arson' }, 'No known arson risk');

/** Scored for each person; the household takes the highest, since one person's risk puts all at risk. */
export const PERSON_DOMAINS = {
	care,
	age,
	livesAlone,
	smoking,
	alcohol,
	mobility,
	cognition,
	hearing,
	oxygen
} as const satisfies Record<string, PersonScorer>;

export const HOME_DOMAINS = {
	cooking,
	hoarding,
	heating,
	electrics,
	candles,
	arson
} as const satisfies Record<string, HomeScorer>;
