import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../common/errors';
import { addressSchema } from '../common/fields';
import { type CoachReason, type OnwardReferralTo } from './codes';
import {
	EXAMPLE_REFERRAL_ID,
	EXAMPLE_VISIT_ID,
	exampleConsent,
	exampleVisit,
	highRiskVisit
} from './fixtures';
import { VISIT_MESSAGES as M } from './messages';
import { linkCoachReferral, referralPrefill, suggestCoachReferral } from './referral-suggestion';
import { visitSchema, type Home, type Occupant, type Visit } from './schema';

/** Someone with no reason for a coach, in a home with none either. */
const settled: Occupant = {
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
const tidyHome: Home = {
	smokeAlarms: { present: 2, working: 2, fittedToday: 0 },
	specialistAlarms: [],
	heating: 'central',
	clutter: { livingRoom: 1, kitchen: 1, bedroom: 1 }
};

function visitOf(
	person: Partial<Occupant> = {},
	home: Partial<Home> = {},
	visit: Partial<Visit> = {}
): Visit {
	return exampleVisit({
		occupants: [{ ...settled, ...person }],
		home: { ...tidyHome, ...home },
		onwardReferrals: [],
		...visit
	});
}

const reasonsOf = (visit: Visit) => suggestCoachReferral(visit).reasons;
const smokes = { smokes: true, inBed: false, airflowMattress: false, emollients: false };

describe('suggestCoachReferral', () => {
	it('suggests nothing when nothing calls for a coach', () => {
		expect(suggestCoachReferral(visitOf())).toEqual({ suggested: false, reasons: [], because: [] });
	});

	it.each(['livingRoom', 'kitchen', 'bedroom'] as const)(
		'suggests hoarding help for a CIR of 5 or more in the %s',
		(room) => {
			const at = (rating: number) => visitOf({}, { clutter: { [room]: rating } });
			expect(reasonsOf(at(4))).toEqual([]);
			expect(suggestCoachReferral(at(5))).toMatchObject({ suggested: true, reasons: ['hoarding'] });
			expect(reasonsOf(at(9))).toEqual(['hoarding']);
		}
	);

	it('explains each reason', () => {
		expect(suggestCoachReferral(visitOf({}, { clutter: { kitchen: 6 } })).because).toEqual([
			{ reason: 'hoarding', why: 'Clutter Image Rating 6 in the kitchen' }
		]);
	});

	it.each([
		['lives alone with no carers or helpers', { livesAlone: true }, ['isolation']],
		[
			'lives alone, aged 75 to 84, with help',
			{ livesAlone: true, careReceived: 'informal', ageBand: '75-84' },
			['isolation']
		],
		[
			'lives alone, aged 85 or over, with carers',
			{ livesAlone: true, careReceived: 'careAgency', ageBand: '85+' },
			['isolation']
		],
		[
			'lives alone, aged 65 to 74, with help',
			{ livesAlone: true, careReceived: 'informal', ageBand: '65-74' },
			[]
		],
		['lives with others and no care', { livesAlone: false, ageBand: '85+' }, []],
		['drinks heavily', { alcohol: 'heavy' }, ['alcohol']],
		['drinks without concern', { alcohol: 'moderate' }, []],
		['smokes', { smoking: smokes }, ['smoking']],
		['is slower on their feet', { mobility: 'reduced' }, ['physicalActivity']],
		['uses a walking aid', { mobility: 'usesAid' }, []]
	] as [string, Partial<Occupant>, CoachReason[]][])('for someone who %s: %j', (_name, person, reasons) => {
		expect(reasonsOf(visitOf(person))).toEqual(reasons);
	});

	it('counts age from a date of birth on the appointment day', () => {
		const born = (dateOfBirth: string) =>
			visitOf({ ageBand: undefined, dateOfBirth, livesAlone: true, careReceived: 'informal' });
		expect(reasonsOf(born('1951-03-10'))).toEqual(['isolation']);
		expect(reasonsOf(born('1951-03-11'))).toEqual([]);
	});

	it('suggests money help for a home with no working heating', () => {
		expect(suggestCoachReferral(visitOf({}, { heating: 'none' })).because).toEqual([
			{ reason: 'money', why: 'No working heating' }
		]);
	});

	it.each([
		['hoarding', 'hoarding'],
		['socialIsolation', 'isolation'],
		['alcohol', 'alcohol'],
		['smokingCessation', 'smoking'],
		['benefits', 'money'],
		['affordableWarmth', 'money']
	] as [OnwardReferralTo, CoachReason][])('reads an onward referral to %s as %s', (to, reason) => {
		const visit = visitOf(
			{},
			{},
			{ onwardReferrals: [{ to, reason: 'Asked for help', consentToShare: true }] }
		);
		expect(suggestCoachReferral(visit).because).toEqual([{ reason, why: 'Onward referral: Asked for help' }]);
	});

	it('reads nothing into referrals a coach does not cover', () => {
		const visit = visitOf(
			{},
			{},
			{ onwardReferrals: [{ to: 'fallsTeam', reason: 'Falls', consentToShare: true }] }
		);
		expect(reasonsOf(visit)).toEqual([]);
	});

	it('gives each reason once, in the coach referral’s order, across everyone in the home', () => {
		const visit = exampleVisit({
			occupants: [
				{ ...settled, smoking: smokes },
				{ ...settled, name: 'Jean Bell', alcohol: 'heavy', smoking: smokes }
			],
			home: { ...tidyHome, clutter: { bedroom: 8 } },
			onwardReferrals: [{ to: 'smokingCessation', reason: 'Wants to stop', consentToShare: true }]
		});
		expect(suggestCoachReferral(visit).because).toEqual([
			{ reason: 'hoarding', why: 'Clutter Image Rating 8 in the bedroom' },
			{ reason: 'smoking', why: 'Alan Bell smokes' },
			{ reason: 'alcohol', why: 'Jean Bell drinks heavily' }
		]);
	});

	it('stops suggesting once a coach referral has been raised, but keeps the reasons', () => {
		const coach = { to: 'wellbeingCoach', reason: 'Clutter', consentToShare: true } as const;
		const cluttered = { clutter: { kitchen: 7 } };
		expect(suggestCoachReferral(visitOf({}, cluttered, { onwardReferrals: [coach] })).suggested).toBe(true);
		const raised = visitOf({}, cluttered, {
			onwardReferrals: [{ ...coach, referralId: EXAMPLE_REFERRAL_ID }]
		});
		expect(suggestCoachReferral(raised)).toMatchObject({ suggested: false, reasons: ['hoarding'] });
	});

	it('suggests for the examples', () => {
		expect(reasonsOf(exampleVisit())).toEqual(['isolation']);
		expect(reasonsOf(highRiskVisit())).toEqual(['hoarding', 'isolation', 'smoking']);
	});
});

describe('referralPrefill', () => {
	it('carries the person, reasons, consent and the visit across', () => {
		expect(referralPrefill(exampleVisit(), 0, EXAMPLE_VISIT_ID)).toEqual({
			person: {
				name: 'Eileen Routledge',
				address: { line1: '7 Beacon View', town: 'Penrith', postcode: 'CA11 7AA' },
				phone: '+441632960123'
			},
			reasons: ['isolation'],
			consentToShare: true,
			consentRecordedAt: '2026-03-10T10:36:00Z',
			source: 'safeAndWellVisit',
			visitId: EXAMPLE_VISIT_ID
		});
	});

	it('includes a date of birth when known, and leaves out a phone when not', () => {
		const { person } = referralPrefill(highRiskVisit(), 0, EXAMPLE_VISIT_ID);
		expect(person).toEqual({
			name: 'Norman Tweddle',
			dateOfBirth: '1939-05-14',
			address: highRiskVisit().address
		});
		expect(addressSchema.safeParse(person.address).success).toBe(true);
	});

	it('gives only that person’s own reasons, with the home’s', () => {
		const visit = exampleVisit({
			occupants: [
				{ ...settled, smoking: smokes },
				{ ...settled, name: 'Jean Bell', alcohol: 'heavy' }
			],
			home: { ...tidyHome, clutter: { livingRoom: 5 } },
			onwardReferrals: []
		});
		expect(referralPrefill(visit, 0, EXAMPLE_VISIT_ID).reasons).toEqual(['hoarding', 'smoking']);
		expect(referralPrefill(visit, 1, EXAMPLE_VISIT_ID)).toMatchObject({
			person: { name: 'Jean Bell' },
			reasons: ['hoarding', 'alcohol']
		});
	});

	it('has consent to share only when the person gave it', () => {
		const consent = (visit: Visit) => referralPrefill(visit, 0, EXAMPLE_VISIT_ID).consentToShare;
		expect(consent(exampleVisit({ consent: exampleConsent({ toShare: false }) }))).toBe(false);
		const unconsented = visitOf({}, {}, { consent: undefined, status: 'requested', outcome: undefined });
		expect(consent(unconsented)).toBe(false);
		expect(referralPrefill(unconsented, 0, EXAMPLE_VISIT_ID)).not.toHaveProperty('consentRecordedAt');
		const agreedForCoach = exampleVisit({
			consent: exampleConsent({ toShare: false }),
			onwardReferrals: [{ to: 'wellbeingCoach', reason: 'Lonely', consentToShare: true }]
		});
		expect(consent(agreedForCoach)).toBe(true);
	});

	it('refuses a person who is not in the visit', () => {
		expect(() => referralPrefill(exampleVisit(), 2, EXAMPLE_VISIT_ID)).toThrow(
			new RangeError('This visit has no person number 3')
		);
	});
});

describe('linkCoachReferral', () => {
	const link = (visit: Visit) =>
		linkCoachReferral(visit, EXAMPLE_REFERRAL_ID, referralPrefill(visit, 0, EXAMPLE_VISIT_ID));

	it('adds the coach referral to the visit, linked, and stops suggesting it', () => {
		const linked = link(exampleVisit());
		expect(linked.onwardReferrals).toEqual([
			...exampleVisit().onwardReferrals,
			{
				to: 'wellbeingCoach',
				reason: 'Loneliness or isolation',
				consentToShare: true,
				referralId: EXAMPLE_REFERRAL_ID
			}
		]);
		expect(visitSchema.safeParse(linked).success).toBe(true);
		expect(suggestCoachReferral(linked).suggested).toBe(false);
	});

	it('links a coach referral already noted on the visit rather than adding another', () => {
		const noted = exampleVisit({
			onwardReferrals: [
				{ to: 'wellbeingCoach', reason: 'Lonely since her husband died', consentToShare: true }
			]
		});
		expect(link(noted).onwardReferrals).toEqual([
			{
				to: 'wellbeingCoach',
				reason: 'Lonely since her husband died',
				consentToShare: true,
				referralId: EXAMPLE_REFERRAL_ID
			}
		]);
	});

	it('links once however often it is called', () => {
		expect(link(link(exampleVisit())).onwardReferrals).toEqual(link(exampleVisit()).onwardReferrals);
	});

	it('says where it came from when there were no reasons', () => {
		const added = link(visitOf()).onwardReferrals.at(-1);
		expect(added?.reason).toBe('Raised from the Safe and Well visit');
	});

	it('leaves a link without consent for the schema to refuse', () => {
		const linked = link(exampleVisit({ consent: exampleConsent({ toShare: false }) }));
		const result = visitSchema.safeParse(linked);
		if (result.success) throw new Error('A coach referral without consent was accepted');
		expect(fieldErrors(result.error)).toContainEqual({
			path: 'onwardReferrals.1.consentToShare',
			message: M.referralNeedsConsent
		});
	});

	it('changes nothing it was given', () => {
		const visit = exampleVisit();
		const before = structuredClone(visit);
		link(visit);
		expect(visit).toEqual(before);
	});
});
