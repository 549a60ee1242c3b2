import type { Consent, Home, Visit } from './schema';

/**
 * Example visits for tests, stories and the design system. Everyone here is fictional; phone numbers
 * are Ofcom's drama range, so nothing real is ever called.
 */

export const EXAMPLE_VISIT_ID = '0b5e7c2a-4f1d-4c8e-9a3b-6d2e1f0a9c87';
export const EXAMPLE_OFFICER_ID = '7d3a9e51-2c6b-4f08-8e14-5b9c0a2d3f61';
export const EXAMPLE_REFERRAL_ID = 'c4e8a1f2-9b3d-4a6e-8f07-1d2c3b4a5e69';

/** Consent to everything, taken out loud at the start of the example visit. */
export function exampleConsent(overrides: Partial<Consent> = {}): Consent {
	return {
		toVisit: true,
		toRecordHealth: true,
		toShare: true,
		method: 'verbal',
		recordedAt: '2026-03-10T10:36:00Z',
		recordedBy: 'Watch Manager Sam Airey',
		...overrides
	};
}

/** The example visit's home: alarms fitted, a strobe for her hearing, a little clutter. */
export function exampleHome(overrides: Partial<Home> = {}): Home {
	return {
		smokeAlarms: { present: 2, working: 2, fittedToday: 1 },
		heatAlarms: { present: 1, working: 1, fittedToday: 1 },
		coAlarms: { present: 1, working: 1, fittedToday: 0 },
		specialistAlarms: ['strobe'],
		heating: 'central',
		cooking: 'healthMayAffect',
		electricsConcern: false,
		candles: false,
		clutter: { livingRoom: 3, kitchen: 2, bedroom: 2 },
		arsonRisk: false,
		...overrides
	};
}

/** A completed visit in Penrith: an older woman living alone, medium risk, one falls referral. */
export function exampleVisit(overrides: Partial<Visit> = {}): Visit {
	return {
		status: 'completed',
		address: { line1: '7 Beacon View', town: 'Penrith', postcode: 'CA11 7AA' },
		location: { lat: 54.6655, lon: -2.7498, accuracyM: 8 },
		scheduledFor: '2026-03-10T10:30:00Z',
		assignedTo: EXAMPLE_OFFICER_ID,
		source: 'gp',
		consent: exampleConsent(),
		occupants: [
			{
				name: 'Eileen Routledge',
				ageBand: '75-84',
				livesAlone: true,
				phone: '+441632960123',
				hearing: 'hardOfHearing',
				mobility: 'usesAid',
				cognition: 'none',
				smoking: { smokes: false, inBed: false, airflowMattress: false, emollients: false },
				alcohol: 'moderate',
				homeOxygen: false,
				careReceived: 'informal'
			}
		],
		home: exampleHome(),
		adviceGiven: ['escapePlan', 'bedtimeRoutine', 'cooking', 'alarmTesting'],
		onwardReferrals: [{ to: 'fallsTeam', reason: 'Two falls at home this winter', consentToShare: true }],
		outcome: 'completed',
		notes: 'Strobe alarm fitted in the living room. Her daughter calls in most days.',
		...overrides
	};
}

/**
 * A completed visit in Appleby that must come out very high: a man of 86 on an airflow mattress who
 * smokes in bed and uses emollient cream, with heavy clutter in the bedroom.
 */
export function highRiskVisit(overrides: Partial<Visit> = {}): Visit {
	return exampleVisit({
		address: { line1: '2 Chapel Yard', town: 'Appleby-in-Westmorland', postcode: 'CA16 6QR' },
		location: { lat: 54.5775, lon: -2.4903, accuracyM: 12 },
		source: 'adultSocialCare',
		occupants: [
			{
				name: 'Norman Tweddle',
				dateOfBirth: '1939-05-14',
				livesAlone: true,
				hearing: 'none',
				mobility: 'bedbound',
				cognition: 'memoryConcerns',
				smoking: { smokes: true, inBed: true, airflowMattress: true, emollients: true },
				alcohol: 'moderate',
				homeOxygen: false,
				careReceived: 'careAgency'
			}
		],
		home: {
			smokeAlarms: { present: 2, working: 2, fittedToday: 2 },
			heatAlarms: { present: 1, working: 1, fittedToday: 1 },
			specialistAlarms: ['telecareLinked'],
			heating: 'portableHeaters',
			cooking: 'preparedByOthers',
			electricsConcern: true,
			candles: false,
			clutter: { livingRoom: 6, kitchen: 5, bedroom: 7 },
			arsonRisk: false
		},
		adviceGiven: ['smoking', 'bedtimeRoutine', 'electrics', 'heating'],
		onwardReferrals: [
			{ to: 'smokingCessation', reason: 'Wants to cut down', consentToShare: true },
			{ to: 'hoarding', reason: 'Bedroom and living room hard to move around', consentToShare: true }
		],
		outcome: 'partial',
		notes: 'Fire-retardant bedding and throw left. Carers to be told about the emollient risk.',
		...overrides
	});
}
