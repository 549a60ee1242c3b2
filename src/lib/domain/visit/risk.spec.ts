import { describe, expect, it } from 'vitest';
import { ageBandForAge, ageOn } from './age';
import { exampleVisit, highRiskVisit } from './fixtures';
import { assessRisk, bandForScore, RISK_FACTOR_LABELS, RISK_MODIFIERS, type RiskBand } from './risk';
import { visitSchema, type Home, type Occupant, type Visit } from './schema';

/** Someone with nothing that raises their risk, in a home with nothing either: every domain 1. */
const calmPerson: Occupant = {
	name: 'Alan Bell',
	ageBand: '18-64',
	livesAlone: false,
	hearing: 'none',
	mobility: 'none',
	cognition: 'none',
	smoking: { smokes: false, inBed: false, airflowMattress: false, emollients: false },
	alcohol: 'none',
	homeOxygen: false,
	careReceived: 'none'
};
const calmHome: Home = {
	smokeAlarms: { present: 2, working: 2, fittedToday: 0 },
	specialistAlarms: [],
	heating: 'central',
	cooking: 'noConcerns',
	electricsConcern: false,
	candles: false,
	clutter: { livingRoom: 1, kitchen: 1, bedroom: 1 },
	arsonRisk: false
};
const smoker = (extra: Partial<NonNullable<Occupant['smoking']>> = {}) => ({
	smokes: true,
	inBed: false,
	airflowMattress: false,
	emollients: false,
	...extra
});

function calm(person: Partial<Occupant> = {}, home: Partial<Home> = {}, visit: Partial<Visit> = {}): Visit {
	return exampleVisit({
		occupants: [{ ...calmPerson, ...person }],
		home: { ...calmHome, ...home },
		...visit
	});
}

const factorOf = (visit: Visit, factor: string) => assessRisk(visit).factors.find((f) => f.factor === factor);
const modifiers = (visit: Visit) =>
	assessRisk(visit)
		.factors.filter((f) => f.points === 0)
		.map((f) => f.factor);

describe('assessRisk: the calm baseline', () => {
	it('scores every one of the 15 domains at 1: low, with no band changes', () => {
		const risk = assessRisk(calm());
		expect(risk.score).toBe(15);
		expect(risk.band).toBe('low');
		expect(risk.factors).toHaveLength(15);
		expect(risk.factors.every((f) => f.points === 1)).toBe(true);
	});

	it('names each factor in the users’ words', () => {
		for (const { factor } of assessRisk(highRiskVisit()).factors) {
			expect(RISK_FACTOR_LABELS).toHaveProperty(factor);
		}
	});
});

describe('assessRisk: each factor', () => {
	// [factor, change to the person, change to the home, points, why]
	const CASES: [string, Partial<Occupant>, Partial<Home>, number, string][] = [
		['care', { careReceived: undefined }, {}, 1, 'Not recorded'],
		['care', {}, {}, 1, 'No care or support needed'],
		['care', { mobility: 'usesAid' }, {}, 8, 'No care or support, with needs'],
		['care', { cognition: 'memoryConcerns' }, {}, 8, 'No care or support, with needs'],
		['care', { mobility: 'bedbound' }, {}, 10, 'No care or support, with significant needs'],
		['care', { cognition: 'dementia' }, {}, 10, 'No care or support, with significant needs'],
		['care', { careReceived: 'informal' }, {}, 2, 'Informal help that meets their needs'],
		[
			'care',
			{ careReceived: 'informal', mobility: 'usesAid' },
			{},
			4,
			'Only informal help, which may not meet their needs'
		],
		['care', { careReceived: 'careAgency', cognition: 'dementia' }, {}, 2, 'Receives care and support'],
		['care', { careReceived: 'residentialSupport' }, {}, 2, 'Receives care and support'],
		['age', {}, {}, 1, 'Aged 18 to 64'],
		['age', { ageBand: '65-74' }, {}, 2, 'Aged 65 to 74'],
		['age', { ageBand: '75-84' }, {}, 4, 'Aged 75 to 84'],
		['age', { ageBand: '85+' }, {}, 8, 'Aged 85 or over'],
		['livesAlone', {}, {}, 1, 'Lives with others'],
		['livesAlone', { livesAlone: true }, {}, 8, 'Lives alone with no regular carers or helpers'],
		[
			'livesAlone',
			{ livesAlone: true, careReceived: 'informal' },
			{},
			4,
			'Lives alone; carers or helpers visit'
		],
		['livesAlone', { livesAlone: true, careReceived: undefined }, {}, 4, 'Lives alone'],
		['smoking', { smoking: undefined }, {}, 1, 'Not recorded'],
		['smoking', {}, {}, 1, 'Does not smoke'],
		['smoking', { smoking: smoker() }, {}, 4, 'Smokes'],
		['smoking', { smoking: smoker({ inBed: true }) }, {}, 8, 'Smokes in bed'],
		['alcohol', { alcohol: undefined }, {}, 1, 'Not recorded'],
		['alcohol', {}, {}, 1, 'Does not drink'],
		['alcohol', { alcohol: 'moderate' }, {}, 2, 'Drinks, no concerns'],
		['alcohol', { alcohol: 'heavy' }, {}, 8, 'Drinks heavily'],
		['mobility', { mobility: undefined }, {}, 1, 'Not recorded'],
		['mobility', {}, {}, 1, 'Gets about without difficulty'],
		['mobility', { mobility: 'reduced' }, {}, 2, 'Slower or unsteady on their feet'],
		['mobility', { mobility: 'usesAid' }, {}, 4, 'Uses a walking aid or wheelchair'],
		['mobility', { mobility: 'bedbound' }, {}, 10, 'Cannot get out of bed or a chair alone'],
		['cognition', { cognition: undefined }, {}, 1, 'Not recorded'],
		['cognition', {}, {}, 1, 'No concerns about memory'],
		['cognition', { cognition: 'memoryConcerns' }, {}, 4, 'Concerns about memory or confusion'],
		['cognition', { cognition: 'dementia' }, {}, 8, 'Has dementia'],
		['hearing', { hearing: undefined }, {}, 1, 'Not recorded'],
		['hearing', {}, {}, 1, 'No difficulty hearing'],
		['hearing', { hearing: 'hardOfHearing' }, {}, 4, 'Hard of hearing, with no strobe or vibrating alarm'],
		['hearing', { hearing: 'deaf' }, {}, 8, 'Deaf, with no strobe or vibrating alarm'],
		[
			'hearing',
			{ hearing: 'deaf' },
			{ specialistAlarms: ['telecareLinked'] },
			8,
			'Deaf, with no strobe or vibrating alarm'
		],
		[
			'hearing',
			{ hearing: 'hardOfHearing' },
			{ specialistAlarms: ['strobe'] },
			2,
			'Hard of hearing; strobe or vibrating alarm fitted'
		],
		[
			'hearing',
			{ hearing: 'deaf' },
			{ specialistAlarms: ['vibratingPad'] },
			2,
			'Deaf; strobe or vibrating alarm fitted'
		],
		['oxygen', { homeOxygen: undefined }, {}, 1, 'Not recorded'],
		['oxygen', {}, {}, 1, 'No home oxygen'],
		['oxygen', { homeOxygen: true }, {}, 8, 'Uses oxygen at home'],
		['cooking', {}, { cooking: undefined }, 1, 'Not recorded'],
		['cooking', {}, {}, 1, 'No concerns about cooking'],
		['cooking', {}, { cooking: 'preparedByOthers' }, 2, 'Meals are made by someone else'],
		['cooking', {}, { cooking: 'healthMayAffect' }, 4, 'Their health may affect kitchen safety'],
		['cooking', {}, { cooking: 'concernsRaised' }, 8, 'They or others are worried about their cooking'],
		['cooking', {}, { cooking: 'fireInLast12Months' }, 10, 'A fire at home in the last 12 months'],
		['hoarding', {}, { clutter: {} }, 1, 'Not recorded'],
		[
			'hoarding',
			{},
			{ clutter: { livingRoom: 2, kitchen: 6, bedroom: 4 } },
			8,
			'Clutter Image Rating 6 in the kitchen'
		],
		['hoarding', {}, { clutter: { bedroom: 9 } }, 10, 'Clutter Image Rating 9 in the bedroom'],
		['heating', {}, { heating: undefined }, 1, 'Not recorded'],
		['heating', {}, {}, 1, 'Central heating'],
		['heating', {}, { heating: 'storageHeaters' }, 1, 'Storage heaters'],
		['heating', {}, { heating: 'fixedRoomHeaters' }, 1, 'Fixed room heaters'],
		['heating', {}, { heating: 'openFireOrStove' }, 2, 'Open fire or stove'],
		['heating', {}, { heating: 'portableHeaters' }, 4, 'Relies on portable heaters'],
		['heating', {}, { heating: 'none' }, 4, 'No working heating: a cold home'],
		['electrics', {}, { electricsConcern: undefined }, 1, 'Not recorded'],
		['electrics', {}, {}, 1, 'No concern about the electrics'],
		['electrics', {}, { electricsConcern: true }, 4, 'Concern about the electrics'],
		['candles', {}, { candles: undefined }, 1, 'Not recorded'],
		['candles', {}, {}, 1, 'No candles'],
		['candles', {}, { candles: true }, 2, 'Uses candles or naked flames'],
		['arson', {}, { arsonRisk: undefined }, 1, 'Not recorded'],
		['arson', {}, {}, 1, 'No known arson risk'],
		['arson', {}, { arsonRisk: true }, 8, 'At risk of arson']
	];

	it.each(CASES)('%s: %j %j scores %i (%s)', (factor, person, home, points, why) => {
		expect(factorOf(calm(person, home), factor)).toEqual({ factor, points, why });
	});

	it.each([
		[1, 1],
		[2, 1],
		[3, 2],
		[4, 4],
		[5, 4],
		[6, 8],
		[7, 8],
		[8, 10],
		[9, 10]
	])('hoarding: CIR %i scores %i', (rating, points) => {
		expect(factorOf(calm({}, { clutter: { livingRoom: rating } }), 'hoarding')?.points).toBe(points);
	});

	it('hoarding takes the worst room, the first listed on a tie', () => {
		const why = (clutter: Home['clutter']) => factorOf(calm({}, { clutter }), 'hoarding')?.why;
		expect(why({ livingRoom: 5, kitchen: 5, bedroom: 3 })).toBe('Clutter Image Rating 5 in the living room');
		expect(why({ livingRoom: 3, bedroom: 7 })).toBe('Clutter Image Rating 7 in the bedroom');
	});

	it('scores every home domain as not recorded when the home was not seen', () => {
		const visit = calm({}, {}, { home: undefined });
		for (const factor of ['cooking', 'hoarding', 'heating', 'electrics', 'candles', 'arson']) {
			expect(factorOf(visit, factor)).toEqual({ factor, points: 1, why: 'Not recorded' });
		}
	});
});

describe('assessRisk: age from a date of birth', () => {
	const born = (dateOfBirth: string, visit: Partial<Visit> = {}) =>
		calm({ ageBand: undefined, dateOfBirth }, {}, { scheduledFor: '2026-03-10T10:30:00Z', ...visit });

	it('counts the age on the appointment day, birthdays included', () => {
		expect(factorOf(born('1941-03-11'), 'age')).toMatchObject({ points: 4, why: 'Aged 75 to 84' });
		expect(factorOf(born('1941-03-10'), 'age')).toMatchObject({ points: 8, why: 'Aged 85 or over' });
	});

	it('uses the consent day with no appointment, and a day passed in over both', () => {
		const unscheduled = born('1941-03-10', { scheduledFor: undefined });
		expect(factorOf(unscheduled, 'age')?.points).toBe(8); // consent given on the 85th birthday
		expect(assessRisk(born('1941-03-10'), '2026-03-09').factors.find((f) => f.factor === 'age')?.points).toBe(
			4
		);
	});

	it('falls back to the age band, or says the age is not known, with no day to count on', () => {
		const noDay = {
			scheduledFor: undefined,
			consent: undefined,
			status: 'requested' as const,
			outcome: undefined
		};
		expect(factorOf(calm({ ageBand: '85+', dateOfBirth: '1990-01-01' }, {}, noDay), 'age')?.points).toBe(8);
		expect(factorOf(born('1941-03-10', noDay), 'age')).toMatchObject({ points: 1, why: 'Age not known' });
	});

	it('scores a child as 1', () => {
		expect(factorOf(born('2015-06-01'), 'age')).toMatchObject({ points: 1, why: 'Under 18' });
	});

	it('counts birthdays, leap days included', () => {
		expect(ageOn('1944-02-29', '2026-02-28')).toBe(81);
		expect(ageOn('1944-02-29', '2026-03-01')).toBe(82);
		expect(ageOn('2000-12-31', '2026-01-01')).toBe(25);
		expect([17, 18, 64, 65, 74, 75, 84, 85].map(ageBandForAge)).toEqual([
			undefined,
			'18-64',
			'18-64',
			'65-74',
			'65-74',
			'75-84',
			'75-84',
			'85+'
		]);
	});
});

describe('assessRisk: bands', () => {
	it.each([
		[15, 'low'],
		[24, 'low'],
		[25, 'medium'],
		[34, 'medium'],
		[35, 'high'],
		[49, 'high'],
		[50, 'veryHigh'],
		[118, 'veryHigh']
	] as const)('a score of %i is %s', (score, band) => {
		expect(bandForScore(score)).toBe(band);
	});

	// Built from the table, so a change to any domain's points shows up here.
	it.each([
		[24, 'low', { ageBand: '85+', alcohol: 'moderate', mobility: 'reduced' }, {}],
		[25, 'medium', { ageBand: '85+', alcohol: 'moderate', mobility: 'reduced' }, { candles: true }],
		[
			34,
			'medium',
			{ ageBand: '85+', cognition: 'dementia', careReceived: 'careAgency', alcohol: 'moderate' },
			{ candles: true, heating: 'openFireOrStove', clutter: { kitchen: 3 } }
		],
		[
			35,
			'high',
			{
				ageBand: '85+',
				cognition: 'dementia',
				careReceived: 'careAgency',
				alcohol: 'moderate',
				mobility: 'reduced'
			},
			{ candles: true, heating: 'openFireOrStove', clutter: { kitchen: 3 } }
		],
		[
			49,
			'high',
			{
				ageBand: '85+',
				cognition: 'dementia',
				careReceived: 'careAgency',
				alcohol: 'heavy',
				hearing: 'deaf'
			},
			{ cooking: 'preparedByOthers', electricsConcern: true, candles: true }
		],
		[
			50,
			'veryHigh',
			{
				ageBand: '85+',
				cognition: 'dementia',
				careReceived: 'careAgency',
				alcohol: 'heavy',
				hearing: 'deaf'
			},
			{ cooking: 'preparedByOthers', electricsConcern: true, candles: true, heating: 'openFireOrStove' }
		]
	] as [number, RiskBand, Partial<Occupant>, Partial<Home>][])(
		'a visit scoring %i is %s',
		(score, band, person, home) => {
			const risk = assessRisk(calm(person, home));
			expect(risk.score).toBe(score);
			expect(risk.band).toBe(band);
			expect(modifiers(calm(person, home))).toEqual([]);
		}
	);
});

describe('assessRisk: band changes', () => {
	it('makes any almost-certain (10) factor at least high', () => {
		const bedbound = calm({ mobility: 'bedbound', careReceived: 'careAgency' });
		expect(assessRisk(bedbound)).toMatchObject({ score: 25, band: 'high' });
		expect(modifiers(bedbound)).toEqual(['almostCertain']);
		const fire = calm({}, { cooking: 'fireInLast12Months' });
		expect(assessRisk(fire)).toMatchObject({ score: 24, band: 'high' });
	});

	it('leaves a band already high or above alone for an almost-certain factor', () => {
		const visit = calm({ mobility: 'bedbound', ageBand: '85+', cognition: 'dementia' });
		expect(assessRisk(visit)).toMatchObject({ score: 47, band: 'high' });
		expect(modifiers(visit)).toEqual([]);
	});

	it.each([
		[{}, 'medium'],
		[{ ageBand: '85+', alcohol: 'moderate', mobility: 'reduced', smoking: smoker() }, 'high'],
		[{ ageBand: '85+', cognition: 'dementia', alcohol: 'heavy', careReceived: 'careAgency' }, 'veryHigh'],
		[
			{ ageBand: '85+', cognition: 'dementia', alcohol: 'heavy', hearing: 'deaf', livesAlone: true },
			'veryHigh'
		]
	] as [Partial<Occupant>, RiskBand][])(
		'raises %j one band with no working smoke alarm, to %s',
		(person, band) => {
			const visit = calm(person, { smokeAlarms: { present: 1, working: 0, fittedToday: 0 } });
			expect(assessRisk(visit).band).toBe(band);
			expect(modifiers(visit)).toEqual(['noWorkingSmokeAlarm']);
		}
	);

	it('raises a home with no smoke alarms at all, but not one whose alarms were not counted', () => {
		expect(assessRisk(calm({}, { smokeAlarms: { present: 0, working: 0, fittedToday: 0 } })).band).toBe(
			'medium'
		);
		expect(assessRisk(calm({}, { smokeAlarms: undefined })).band).toBe('low');
		expect(assessRisk(calm({}, {}, { home: undefined })).band).toBe('low');
	});

	it('raises after the almost-certain floor', () => {
		const visit = calm(
			{ mobility: 'bedbound', careReceived: 'careAgency' },
			{ smokeAlarms: { present: 0, working: 0, fittedToday: 0 } }
		);
		expect(assessRisk(visit).band).toBe('veryHigh');
		expect(modifiers(visit)).toEqual(['almostCertain', 'noWorkingSmokeAlarm']);
	});
});

describe('assessRisk: overrides to very high', () => {
	it('forces very high for home oxygen where the same person smokes', () => {
		const visit = calm({ homeOxygen: true, smoking: smoker() });
		expect(assessRisk(visit).score).toBe(25);
		expect(assessRisk(visit).band).toBe('veryHigh');
		expect(modifiers(visit)).toEqual(['oxygenAndSmoking']);
	});

	it('forces very high for home oxygen where someone else in the home smokes', () => {
		const visit = exampleVisit({
			occupants: [
				{ ...calmPerson, homeOxygen: true },
				{ ...calmPerson, name: 'Jean Bell', smoking: smoker() }
			],
			home: calmHome
		});
		expect(assessRisk(visit).band).toBe('veryHigh');
		expect(modifiers(visit)).toEqual(['oxygenAndSmoking']);
	});

	it('does not force it for home oxygen with nobody smoking', () => {
		expect(assessRisk(calm({ homeOxygen: true }))).toMatchObject({ score: 22, band: 'low' });
	});

	it.each([
		['an airflow mattress', { airflowMattress: true }],
		['emollient creams', { emollients: true }]
	])('forces very high for smoking with %s', (_name, extra) => {
		const visit = calm({ smoking: smoker(extra) });
		expect(assessRisk(visit).band).toBe('veryHigh');
		expect(modifiers(visit)).toEqual(['smokingWithAirflowOrEmollients']);
	});

	it('forces it when the smoker and the airflow mattress are different people', () => {
		const visit = exampleVisit({
			occupants: [
				{ ...calmPerson, smoking: { smokes: false, inBed: false, airflowMattress: true, emollients: false } },
				{ ...calmPerson, name: 'Jean Bell', smoking: smoker() }
			],
			home: calmHome
		});
		expect(assessRisk(visit).band).toBe('veryHigh');
	});

	it('does not force it for an airflow mattress or emollients with nobody smoking', () => {
		const visit = calm({ smoking: { smokes: false, inBed: false, airflowMattress: true, emollients: true } });
		expect(assessRisk(visit).band).toBe('low');
		expect(modifiers(visit)).toEqual([]);
	});

	it('lists both overrides, and the alarm, when all apply', () => {
		const visit = calm(
			{ homeOxygen: true, smoking: smoker({ emollients: true }) },
			{ smokeAlarms: { present: 0, working: 0, fittedToday: 0 } }
		);
		expect(modifiers(visit)).toEqual([
			'noWorkingSmokeAlarm',
			'oxygenAndSmoking',
			'smokingWithAirflowOrEmollients'
		]);
	});
});

describe('assessRisk: the household', () => {
	it('takes the highest-scoring person in each domain and names them', () => {
		const visit = exampleVisit({
			occupants: [
				{ ...calmPerson, ageBand: '85+' },
				{ ...calmPerson, name: 'Jean Bell', alcohol: 'heavy' }
			],
			home: calmHome
		});
		const risk = assessRisk(visit);
		expect(risk.factors.find((f) => f.factor === 'age')).toEqual({
			factor: 'age',
			points: 8,
			why: 'Alan Bell: Aged 85 or over'
		});
		expect(risk.factors.find((f) => f.factor === 'alcohol')?.why).toBe('Jean Bell: Drinks heavily');
		expect(risk.score).toBe(29);
	});
});

describe('assessRisk: a pure derivation', () => {
	it('scores the examples as documented', () => {
		expect(assessRisk(exampleVisit())).toMatchObject({ score: 33, band: 'medium' });
		expect(assessRisk(highRiskVisit()).band).toBe('veryHigh');
		expect(modifiers(highRiskVisit())).toContain('smokingWithAirflowOrEmollients');
	});

	it('is the sum of its factors, with only band changes at 0 points', () => {
		for (const visit of [calm(), exampleVisit(), highRiskVisit()]) {
			const risk = assessRisk(visit);
			expect(risk.score).toBe(risk.factors.reduce((sum, f) => sum + f.points, 0));
			for (const f of risk.factors.filter((f) => f.points === 0)) expect(RISK_MODIFIERS).toContain(f.factor);
		}
	});

	it('changes nothing and gives the same answer every time', () => {
		const visit = highRiskVisit();
		const before = structuredClone(visit);
		const first = assessRisk(visit);
		expect(assessRisk(visit)).toEqual(first);
		expect(visit).toEqual(before);
	});

	it('cannot be typed in: a stored score is dropped by the schema', () => {
		const parsed = visitSchema.parse({ ...exampleVisit(), risk: { score: 1, band: 'low' }, riskBand: 'low' });
		expect(parsed).not.toHaveProperty('risk');
		expect(parsed).not.toHaveProperty('riskBand');
	});
});
