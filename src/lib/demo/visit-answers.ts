import {
	ADVICE,
	type Advice,
	type AgeBand,
	type Alcohol,
	type CareReceived,
	type Cognition,
	type Cooking,
	type Hearing,
	type Heating,
	type Home,
	type Mobility,
	type Occupant,
	type OnwardReferral,
	type SpecialistAlarm
} from '../domain/visit';
import type { Random } from './random';

/**
 * The answers a Safe and Well visit records, drawn so they hang together: most homes are well, some
 * frail, a few complex (dementia, bedbound, smoking with emollients, heavy clutter). The profile
 * shapes each answer, so the risk bands `assessRisk` derives come out in a realistic mix.
 */
export type Profile = 'well' | 'frail' | 'complex';

type Weights<T> = readonly (readonly [T, number])[];
type ByProfile<T> = Readonly<Record<Profile, Weights<T>>>;

// Frailty comes with age: most under-65s visited are well, most over-85s are not.
export const PROFILE_BY_AGE: Readonly<Record<AgeBand, Weights<Profile>>> = {
	'18-64': [
		['well', 80],
		['frail', 13],
		['complex', 7]
	],
	'65-74': [
		['well', 62],
		['frail', 30],
		['complex', 8]
	],
	'75-84': [
		['well', 45],
		['frail', 44],
		['complex', 11]
	],
	'85+': [
		['well', 30],
		['frail', 52],
		['complex', 18]
	]
};

const HEARING: ByProfile<Hearing> = {
	well: [
		['none', 80],
		['hardOfHearing', 20]
	],
	frail: [
		['none', 40],
		['hardOfHearing', 45],
		['deaf', 15]
	],
	complex: [
		['none', 30],
		['hardOfHearing', 50],
		['deaf', 20]
	]
};

const MOBILITY: ByProfile<Mobility> = {
	well: [
		['none', 75],
		['reduced', 25]
	],
	frail: [
		['reduced', 40],
		['usesAid', 60]
	],
	complex: [
		['reduced', 15],
		['usesAid', 50],
		['bedbound', 35]
	]
};

const COGNITION: ByProfile<Cognition> = {
	well: [['none', 1]],
	frail: [
		['none', 60],
		['memoryConcerns', 35],
		['dementia', 5]
	],
	complex: [
		['none', 20],
		['memoryConcerns', 40],
		['dementia', 40]
	]
};

const ALCOHOL: ByProfile<Alcohol> = {
	well: [
		['none', 45],
		['moderate', 52],
		['heavy', 3]
	],
	frail: [
		['none', 60],
		['moderate', 37],
		['heavy', 3]
	],
	complex: [
		['none', 45],
		['moderate', 35],
		['heavy', 20]
	]
};

const CARE: ByProfile<CareReceived> = {
	well: [
		['none', 85],
		['informal', 15]
	],
	frail: [
		['none', 10],
		['informal', 50],
		['careAgency', 40]
	],
	complex: [
		['none', 20],
		['informal', 30],
		['careAgency', 45],
		['residentialSupport', 5]
	]
};

const HEATING: ByProfile<Heating> = {
	well: [
		['central', 70],
		['storageHeaters', 10],
		['fixedRoomHeaters', 6],
		['openFireOrStove', 14]
	],
	frail: [
		['central', 60],
		['storageHeaters', 12],
		['fixedRoomHeaters', 8],
		['openFireOrStove', 12],
		['portableHeaters', 8]
	],
	complex: [
		['central', 45],
		['storageHeaters', 10],
		['openFireOrStove', 15],
		['portableHeaters', 22],
		['none', 8]
	]
};

const COOKING: ByProfile<Cooking> = {
	well: [
		['noConcerns', 80],
		['preparedByOthers', 5],
		['healthMayAffect', 12],
		['concernsRaised', 3]
	],
	frail: [
		['noConcerns', 35],
		['preparedByOthers', 25],
		['healthMayAffect', 30],
		['concernsRaised', 8],
		['fireInLast12Months', 2]
	],
	complex: [
		['noConcerns', 15],
		['preparedByOthers', 30],
		['healthMayAffect', 25],
		['concernsRaised', 22],
		['fireInLast12Months', 8]
	]
};

const SMOKES: Readonly<Record<Profile, number>> = { well: 0.12, frail: 0.12, complex: 0.25 };

/** The health answers for one person: recorded only with consent to record health. */
export function healthAnswers(rng: Random, profile: Profile): Partial<Occupant> {
	const smokes = rng.chance(SMOKES[profile]);
	const frail = profile !== 'well';
	return {
		hearing: rng.weighted(HEARING[profile]),
		mobility: rng.weighted(MOBILITY[profile]),
		cognition: rng.weighted(COGNITION[profile]),
		smoking: {
			smokes,
			inBed: smokes && rng.chance(profile === 'complex' ? 0.4 : 0.1),
			airflowMattress: frail && rng.chance(profile === 'complex' ? 0.15 : 0.03),
			emollients: frail && rng.chance(profile === 'complex' ? 0.2 : 0.08)
		},
		alcohol: rng.weighted(ALCOHOL[profile]),
		homeOxygen: frail && rng.chance(profile === 'complex' ? 0.12 : 0.04),
		careReceived: rng.weighted(CARE[profile])
	};
}

const SMOKE_ALARMS_BEFORE = [
	[0, 15],
	[1, 35],
	[2, 40],
	[3, 10]
] as const;

function alarms(rng: Random, before: number, fitted: number): NonNullable<Home['smokeAlarms']> {
	const present = before + fitted;
	// Alarms fitted today work; an old one may have a flat battery, but never the only one left.
	const broken = before > 0 && present > 1 && rng.chance(0.15) ? 1 : 0;
	return { present, working: present - broken, fittedToday: fitted };
}

/** The home after the visit: alarms include those fitted today, so a home always ends with a working one. */
export function homeAnswers(rng: Random, profile: Profile, occupants: readonly Occupant[]): Home {
	const smokeBefore = rng.weighted(SMOKE_ALARMS_BEFORE);
	const smokeFitted = smokeBefore === 0 ? rng.int(1, 2) : rng.chance(0.35) ? 1 : 0;
	const heating = rng.weighted(HEATING[profile]);
	const home: Home = {
		smokeAlarms: alarms(rng, smokeBefore, smokeFitted),
		specialistAlarms: specialist(rng, occupants),
		heating,
		cooking: rng.weighted(COOKING[profile]),
		electricsConcern: rng.chance(profile === 'complex' ? 0.25 : 0.08),
		candles: rng.chance(0.12),
		clutter: {},
		arsonRisk: rng.chance(0.03)
	};
	// Heat alarms for kitchens, CO alarms where something burns fuel; none at all means none counted.
	const heat = rng.chance(0.5) ? alarms(rng, rng.int(0, 1), rng.chance(0.5) ? 1 : 0) : undefined;
	if (heat && heat.present > 0) home.heatAlarms = heat;
	const burnsFuel = heating === 'openFireOrStove' || heating === 'central' || rng.chance(0.2);
	const co = burnsFuel ? alarms(rng, rng.int(0, 1), rng.chance(0.6) ? 1 : 0) : undefined;
	if (co && co.present > 0) home.coAlarms = co;
	if (profile === 'complex' || rng.chance(profile === 'frail' ? 0.6 : 0.35))
		home.clutter = clutter(rng, profile);
	return home;
}

/** Clutter Image Ratings (1 clear to 9 extreme); complex homes include some CIR 5 and above. */
function clutter(rng: Random, profile: Profile): Home['clutter'] {
	const top = profile === 'complex' ? rng.int(4, 8) : profile === 'frail' ? rng.int(1, 4) : rng.int(1, 3);
	const room = () => Math.max(1, top - rng.int(0, 2));
	return { livingRoom: room(), kitchen: room(), bedroom: room() };
}

function specialist(rng: Random, occupants: readonly Occupant[]): SpecialistAlarm[] {
	const found = new Set<SpecialistAlarm>();
	if (occupants.some((o) => o.hearing === 'deaf' || o.hearing === 'hardOfHearing') && rng.chance(0.6)) {
		found.add(rng.chance(0.6) ? 'strobe' : 'vibratingPad');
	}
	if (occupants.some((o) => o.careReceived === 'careAgency') && rng.chance(0.35)) found.add('telecareLinked');
	return [...found];
}

/** Advice that fits what the officer found: the basics always, the rest where it applies. */
export function adviceFor(rng: Random, home: Home, occupants: readonly Occupant[]): Advice[] {
	const given = new Set<Advice>(['escapePlan', 'alarmTesting']);
	if (rng.chance(0.7)) given.add('bedtimeRoutine');
	if (home.cooking && home.cooking !== 'noConcerns' && home.cooking !== 'preparedByOthers')
		given.add('cooking');
	if (occupants.some((o) => o.smoking?.smokes)) given.add('smoking');
	if (home.candles) given.add('candles');
	if (home.heating === 'portableHeaters' || home.heating === 'openFireOrStove' || home.heating === 'none') {
		given.add('heating');
	}
	if (home.electricsConcern) given.add('electrics');
	return ADVICE.filter((advice) => given.has(advice));
}

/**
 * Referrals on to other services, each with consent to share, except a rare safeguarding referral
 * made without it (with the reason), which the law allows. Coach referrals are linked separately.
 */
export function onwardFor(
	rng: Random,
	home: Home,
	occupants: readonly Occupant[],
	toShare: boolean
): OnwardReferral[] {
	const onward: OnwardReferral[] = [];
	const worst = Math.max(home.clutter.livingRoom ?? 0, home.clutter.kitchen ?? 0, home.clutter.bedroom ?? 0);
	const anyone = (test: (o: Occupant) => boolean) => occupants.some(test);
	if (!toShare) {
		if (worst >= 7 && anyone((o) => o.cognition === 'dementia') && rng.chance(0.5)) {
			onward.push({
				to: 'safeguarding',
				reason: 'Severe clutter blocking the exits; lives with dementia',
				safeguardingOverride: { reason: 'Risk to life from fire; unable to understand the risk' }
			});
		}
		return onward;
	}
	const add = (to: OnwardReferral['to'], reason: string, when: boolean, chance: number) => {
		if (when && rng.chance(chance)) onward.push({ to, reason, consentToShare: true });
	};
	add('fallsTeam', 'Unsteady on their feet; a fall at home this year', anyone(isUnsteady), 0.4);
	add(
		'smokingCessation',
		'Would like help to cut down',
		anyone((o) => o.smoking?.smokes === true),
		0.4
	);
	add('hoarding', 'Rooms hard to move around', worst >= 6, 0.7);
	add('affordableWarmth', 'Relies on portable heaters or has no heating', coldHome(home), 0.6);
	add(
		'dementia',
		'Family worried about their memory',
		anyone((o) => o.cognition === 'memoryConcerns'),
		0.3
	);
	add('adultSocialCare', 'Needs more help than family can give', anyone(needsCare), 0.5);
	return onward;
}

const isUnsteady = (o: Occupant) => o.mobility === 'reduced' || o.mobility === 'usesAid';
const coldHome = (home: Home) => home.heating === 'portableHeaters' || home.heating === 'none';
const needsCare = (o: Occupant) =>
	o.careReceived === 'none' && (o.mobility === 'bedbound' || o.cognition === 'dementia');
