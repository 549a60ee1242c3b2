import { visitDay } from './age';
import { HOME_DOMAINS, PERSON_DOMAINS, type Scored } from './risk-factors';
import type { Visit } from './schema';

/**
 * Fire risk of a Safe and Well visit, after Nottinghamshire's CHARLIE-P matrix (domain.md §2).
 * Derived, never stored or typed in: call `assessRisk` whenever the answers change.
 *
 * Each domain scores 1 rare, 2 unlikely, 4 possible, 8 likely, 10 almost certain. Per-person domains
 * take the highest of anyone in the home. Not recorded scores 1.
 *
 *   Domain       1                       2                     4                         8                       10
 *   care         no needs / not known    care meets needs      informal help only, needs no care, needs          no care, bedbound or dementia
 *   age          18–64 / not known       65–74                 75–84                     85+
 *   livesAlone   lives with others       –                     alone, carers visit       alone, no carers
 *   smoking      does not smoke          –                     smokes                    smokes in bed
 *   alcohol      does not drink          drinks, no concerns   –                         drinks heavily
 *   mobility     no difficulty           slower, unsteady      walking aid, wheelchair   –                       bedbound
 *   cognition    no concerns             –                     memory concerns           dementia
 *   hearing      no difficulty           deaf/HoH + strobe/pad hard of hearing           deaf
 *   oxygen       no home oxygen          –                     –                         home oxygen
 *   cooking      no concerns             made by others        health may affect         concerns raised         fire in last 12 months
 *   hoarding     worst room CIR 1–2      CIR 3                 CIR 4–5                   CIR 6–7                 CIR 8–9
 *   heating      central, storage, fixed open fire or stove    portable heaters, none
 *   electrics    no concern              –                     concern
 *   candles      no                      candles used
 *   arson        no                      –                     –                         at risk of arson
 *
 * Score = sum of the 15 domains, so 15 is the floor and 118 the ceiling. Bands on the score:
 *   low 15–24 · medium 25–34 · high 35–49 · very high 50+
 * (An 80-year-old living alone with a walking frame and family help scores about 33: medium.)
 * Then, in this order:
 *   1. any domain at 10 (almost certain) makes the band at least high;
 *   2. a home with no working smoke alarm (counted, and none working) goes up one band;
 *   3. home oxygen where anyone smokes, or smoking where anyone has an airflow mattress or uses
 *      emollient creams, is very high whatever the score (NFCC: these fires spread too fast to escape).
 * Band changes appear in `factors` with 0 points, so the score is always the sum of the points.
 */

export const RISK_BANDS = ['low', 'medium', 'high', 'veryHigh'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export const RISK_BAND_LABELS = {
	low: 'Low',
	medium: 'Medium',
	high: 'High',
	veryHigh: 'Very high'
} as const satisfies Record<RiskBand, string>;

/** The lowest score in each band. */
export const RISK_BAND_FROM = { low: 15, medium: 25, high: 35, veryHigh: 50 } as const satisfies Record<
	RiskBand,
	number
>;

export interface RiskFactor {
	factor: string;
	points: number;
	why: string;
}

export interface RiskAssessment {
	score: number;
	band: RiskBand;
	factors: RiskFactor[];
}

type PersonDomain = keyof typeof PERSON_DOMAINS;
type HomeDomain = keyof typeof HOME_DOMAINS;
type Modifier =
	'almostCertain' | 'noWorkingSmokeAlarm' | 'oxygenAndSmoking' | 'smokingWithAirflowOrEmollients';

export const RISK_FACTOR_LABELS = {
	care: 'Care and support',
	age: 'Age',
	livesAlone: 'Living alone',
	smoking: 'Smoking',
	alcohol: 'Alcohol',
	mobility: 'Mobility',
	cognition: 'Memory',
	hearing: 'Hearing',
	oxygen: 'Home oxygen',
	cooking: 'Cooking',
	hoarding: 'Clutter',
	heating: 'Heating',
	electrics: 'Electrics',
	candles: 'Candles',
	arson: 'Arson',
	almostCertain: 'Almost certain factor',
	noWorkingSmokeAlarm: 'No working smoke alarm',
	oxygenAndSmoking: 'Oxygen and smoking',
	smokingWithAirflowOrEmollients: 'Smoking with airflow mattress or emollients'
} as const satisfies Record<PersonDomain | HomeDomain | Modifier, string>;

/** Factors that change the band rather than add points. */
export const RISK_MODIFIERS: readonly Modifier[] = [
	'almostCertain',
	'noWorkingSmokeAlarm',
	'oxygenAndSmoking',
	'smokingWithAirflowOrEmollients'
];

/** `on` (YYYY-MM-DD) is the day ages are counted on; by default the appointment or consent day. */
export function assessRisk(visit: Visit, on?: string): RiskAssessment {
	const day = visitDay(visit, on);
	const named = visit.occupants.length > 1;
	const factors: RiskFactor[] = [];

	for (const [factor, score] of Object.entries(PERSON_DOMAINS)) {
		let worst: (Scored & { name: string }) | undefined;
		for (const occupant of visit.occupants) {
			const scored = score(occupant, visit, day);
			if (!worst || scored.points > worst.points) worst = { ...scored, name: occupant.name };
		}
		if (!worst) continue;
		factors.push({ factor, points: worst.points, why: named ? `${worst.name}: ${worst.why}` : worst.why });
	}
	for (const [factor, score] of Object.entries(HOME_DOMAINS)) {
		const { points, why } = score(visit);
		factors.push({ factor, points, why });
	}

	const score = factors.reduce((sum, f) => sum + f.points, 0);
	let band = bandForScore(score);
	const modify = (factor: Modifier, why: string, to: RiskBand) => {
		factors.push({ factor, points: 0, why });
		band = to;
	};

	if (factors.some((f) => f.points === 10) && rank(band) < rank('high')) {
		modify('almostCertain', 'A factor scored almost certain (10): at least high', 'high');
	}
	const smokeAlarms = visit.home?.smokeAlarms;
	if (smokeAlarms && smokeAlarms.working === 0) {
		modify('noWorkingSmokeAlarm', 'No working smoke alarm: one band higher', raise(band));
	}
	const anyone = (test: (o: Visit['occupants'][number]) => boolean | undefined) => visit.occupants.some(test);
	const smokes = anyone((o) => o.smoking?.smokes);
	if (smokes && anyone((o) => o.homeOxygen)) {
		modify('oxygenAndSmoking', 'Home oxygen where someone smokes: always very high', 'veryHigh');
	}
	if (smokes && anyone((o) => o.smoking?.airflowMattress || o.smoking?.emollients)) {
		modify(
			'smokingWithAirflowOrEmollients',
			'Smoking with an airflow mattress or emollient creams in the home: always very high',
			'veryHigh'
		);
	}
	return { score, band, factors };
}

export function bandForScore(score: number): RiskBand {
	if (score >= RISK_BAND_FROM.veryHigh) return 'veryHigh';
	if (score >= RISK_BAND_FROM.high) return 'high';
	if (score >= RISK_BAND_FROM.medium) return 'medium';
	return 'low';
}

const rank = (band: RiskBand) => RISK_BANDS.indexOf(band);
const raise = (band: RiskBand): RiskBand =>
	RISK_BANDS[Math.min(rank(band) + 1, RISK_BANDS.length - 1)] ?? band;
