import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	APPOINTMENT_KIND_LABELS,
	APPOINTMENT_KINDS,
	CHANNEL_LABELS,
	CHANNELS,
	CLOSURE_REASON_LABELS,
	CLOSURE_REASONS,
	ONS4_LABELS,
	ONS4_MEASURES,
	OUTCOME_LABELS,
	OUTCOMES,
	REASON_LABELS,
	REASONS,
	REFERRAL_STATUSES,
	SOURCE_LABELS,
	SOURCES,
	STATUS_LABELS
} from './codes';
import {
	attempt,
	closedReferral,
	contactingReferral,
	exampleReferral,
	FIXTURE_IDS,
	firstAppointmentReferral,
	receivedReferral,
	safeAndWellReferral,
	triagedReferral
} from './fixtures';
import { MESSAGES } from './rules';
import { referralSchema, referralSchemaAsOf, type Referral } from './schema';

/** Every issue, in order, as `path: message`, so a test states exactly what the person sees. */
function issuesOf(data: unknown, schema: z.ZodType = referralSchema): string[] {
	const result = schema.safeParse(data);
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const withPerson = (person: Partial<Referral['person']>) =>
	exampleReferral({ person: { ...exampleReferral().person, ...person } });

describe('fixtures', () => {
	it.each([
		['example (in progress)', exampleReferral()],
		['received', receivedReferral()],
		['triaged', triagedReferral()],
		['contacting', contactingReferral(['noAnswer', 'leftMessage'])],
		['first appointment', firstAppointmentReferral()],
		['closed', closedReferral()],
		['Safe and Well', safeAndWellReferral()]
	])('%s is valid and already in stored form', (_name, referral) => {
		expect(issuesOf(referral)).toEqual([]);
		expect(referralSchema.parse(referral)).toEqual(referral);
	});

	it('hands out a fresh copy each time', () => {
		const a = exampleReferral();
		a.reasons.push('money');
		expect(exampleReferral().reasons).toEqual(['isolation', 'physicalActivity']);
	});
});

describe('labels', () => {
	it.each([
		['statuses', REFERRAL_STATUSES, STATUS_LABELS],
		['sources', SOURCES, SOURCE_LABELS],
		['reasons', REASONS, REASON_LABELS],
		['channels', CHANNELS, CHANNEL_LABELS],
		['outcomes', OUTCOMES, OUTCOME_LABELS],
		['closure reasons', CLOSURE_REASONS, CLOSURE_REASON_LABELS],
		['appointment kinds', APPOINTMENT_KINDS, APPOINTMENT_KIND_LABELS]
	] as const)('every one of the %s has its own label', (_name, codes, labels) => {
		expect(Object.keys(labels)).toEqual([...codes]);
		const texts = Object.values(labels) as string[];
		expect(new Set(texts).size).toBe(texts.length);
		for (const text of texts) expect(text).toMatch(/^[A-Z0-9]/);
	});

	it('asks the four ONS questions in the ONS wording', () => {
		expect(Object.keys(ONS4_LABELS)).toEqual([...ONS4_MEASURES]);
		expect(ONS4_LABELS.anxiety.question).toBe('Overall, how anxious did you feel yesterday?');
		expect(ONS4_LABELS.lifeSatisfaction.question).toBe(
			'Overall, how satisfied are you with your life nowadays?'
		);
	});
});

describe('person', () => {
	it('stores the phone in E.164 and the NHS number as 10 digits', () => {
		const parsed = referralSchema.parse(withPerson({ phone: '07700 900 412', nhsNumber: '999-000-0018' }));
		expect(parsed.person.phone).toBe('+447700900412');
		expect(parsed.person.nhsNumber).toBe('9990000018');
	});

	it('needs no phone, email or NHS number', () => {
		const { phone: _p, nhsNumber: _n, ...person } = exampleReferral().person;
		expect(issuesOf(exampleReferral({ person }))).toEqual([]);
	});

	it.each([
		[{ name: ' ' }, 'person.name: Enter the person’s name'],
		[{ nhsNumber: '943 476 5918' }, 'person.nhsNumber: Enter a real NHS number: check each digit'],
		[{ nhsNumber: '943 476' }, 'person.nhsNumber: NHS number must be 10 digits, like 943 476 5919'],
		[{ email: 'dorothy' }, 'person.email: Enter an email address in the right format, like name@example.org'],
		[{ dateOfBirth: '1947-02-30' }, 'person.dateOfBirth: Enter a real date']
	])('refuses %j', (person, issue) => {
		expect(issuesOf(withPerson(person))).toEqual([issue]);
	});

	describe('date of birth, against the date received (2026-09-01)', () => {
		it.each([
			['2026-09-01', 'the day it was received'],
			['2027-01-01', 'after it was received']
		])('refuses %s (%s)', (dateOfBirth) => {
			expect(issuesOf(withPerson({ dateOfBirth }))).toEqual([
				`person.dateOfBirth: ${MESSAGES.dateOfBirthPast}`
			]);
		});

		it.each([
			['2026-08-31', 'born the day before'],
			['1906-09-01', '120 that day'],
			['1905-09-02', '120, turning 121 the next day']
		])('accepts %s (%s)', (dateOfBirth) => {
			expect(issuesOf(withPerson({ dateOfBirth }))).toEqual([]);
		});

		it('refuses someone who would be over 120', () => {
			expect(issuesOf(withPerson({ dateOfBirth: '1905-09-01' }))).toEqual([
				'person.dateOfBirth: Check the date of birth: the person would be over 120'
			]);
		});
	});
});

describe('source', () => {
	it('a Safe and Well referral must link to its visit', () => {
		expect(issuesOf(safeAndWellReferral({ visitId: undefined }))).toEqual([
			'visitId: A referral from a Safe and Well visit must link to the visit'
		]);
		expect(issuesOf(safeAndWellReferral())).toEqual([]);
	});

	it('the link is to a visit record', () => {
		expect(issuesOf(safeAndWellReferral({ visitId: 'visit 12' }))).toEqual([
			'visitId: Choose the Safe and Well visit'
		]);
	});

	it('only a Safe and Well referral links to a visit', () => {
		expect(issuesOf(exampleReferral({ visitId: FIXTURE_IDS.visit }))).toEqual([
			'visitId: Only a referral from a Safe and Well visit can link to a visit'
		]);
	});

	it.each([undefined, '   '])('"other" needs details (%j refused)', (sourceDetails) => {
		expect(issuesOf(exampleReferral({ source: 'other', sourceDetails }))).toEqual([
			'sourceDetails: Say where the referral came from'
		]);
	});

	it('"other" with details, and any source with a referrer name, is fine', () => {
		expect(issuesOf(exampleReferral({ source: 'other', sourceDetails: 'Kendal food bank' }))).toEqual([]);
		for (const source of SOURCES.filter((s) => s !== 'safeAndWellVisit' && s !== 'other')) {
			expect(issuesOf(exampleReferral({ source, referrerName: undefined }))).toEqual([]);
		}
	});

	it('refuses an unknown source', () => {
		expect(issuesOf({ ...exampleReferral(), source: 'police' })).toEqual([
			'source: Choose where the referral came from'
		]);
	});
});

describe('reasons', () => {
	it('needs at least one', () => {
		expect(issuesOf(exampleReferral({ reasons: [] }))).toEqual([
			'reasons: Choose at least one reason for the referral'
		]);
	});

	it('takes each reason once', () => {
		expect(issuesOf(exampleReferral({ reasons: ['money', 'money'] }))).toEqual([
			'reasons: Choose each reason only once'
		]);
	});

	it('refuses a reason not on the list', () => {
		expect(issuesOf({ ...exampleReferral(), reasons: ['boredom'] })).toEqual([
			'reasons.0: Choose a reason from the list'
		]);
	});

	it('"something else" needs saying what', () => {
		expect(issuesOf(exampleReferral({ reasons: ['other'] }))).toEqual([
			'otherReason: Say what the other reason is'
		]);
		const withWords = exampleReferral({ reasons: ['other'], otherReason: 'Caring for her husband' });
		expect(issuesOf(withWords)).toEqual([]);
	});

	it('accepts every reason', () => {
		expect(issuesOf(exampleReferral({ reasons: [...REASONS], otherReason: 'Bereavement' }))).toEqual([]);
	});
});

describe('consent', () => {
	it('records when consent was given', () => {
		expect(issuesOf(exampleReferral({ consentRecordedAt: undefined }))).toEqual([
			'consentRecordedAt: Record when the person gave consent'
		]);
		const shareOnly = { consentToContact: false, consentToShare: true, consentRecordedAt: undefined };
		expect(issuesOf(exampleReferral(shareOnly))).toEqual([
			'consentRecordedAt: Record when the person gave consent'
		]);
	});

	it('needs no time when neither was given', () => {
		const neither = { consentToContact: false, consentToShare: false, consentRecordedAt: undefined };
		expect(issuesOf(exampleReferral(neither))).toEqual([]);
	});

	it('asks both questions: no answer is not a "no"', () => {
		const { consentToContact: _c, consentToShare: _s, ...rest } = exampleReferral();
		expect(issuesOf(rest)).toEqual([
			'consentToContact: Say whether the person agreed to be contacted',
			'consentToShare: Say whether the person agreed to their information being shared'
		]);
	});
});

describe('contact attempts, appointments and support', () => {
	it('an attempt cannot be before the referral was received', () => {
		const contactAttempts = [attempt('noAnswer', '2026-08-31T16:00:00+01:00')];
		expect(issuesOf(exampleReferral({ contactAttempts }))).toEqual([
			'contactAttempts.0.at: A contact attempt cannot be before the referral was received'
		]);
	});

	it('gives a half-typed time one message, not two', () => {
		const contactAttempts = [attempt('noAnswer', '03/09/2026 10:00')];
		expect(issuesOf(exampleReferral({ contactAttempts }))).toEqual([
			'contactAttempts.0.at: Enter a date and time'
		]);
		expect(issuesOf(exampleReferral({ contactAttempts }), referralSchemaAsOf('2026-09-15'))).toEqual([
			'contactAttempts.0.at: Enter a date and time'
		]);
	});

	it('refuses an attempt without a time, channel or outcome', () => {
		expect(issuesOf({ ...exampleReferral(), contactAttempts: [{ at: 'Tuesday', channel: 'fax' }] })).toEqual([
			'contactAttempts.0.at: Enter a date and time',
			'contactAttempts.0.channel: Choose how you tried to contact them',
			'contactAttempts.0.outcome: Choose what happened'
		]);
	});

	it('accepts every channel and outcome', () => {
		const contactAttempts = CHANNELS.flatMap((channel) =>
			OUTCOMES.map((outcome) => attempt(outcome, '2026-09-03T10:00:00Z', channel))
		);
		expect(issuesOf(exampleReferral({ contactAttempts }))).toEqual([]);
	});

	it('lists default to empty and appointments may be left out', () => {
		const { contactAttempts: _a, supportOffered: _s, ons4: _o, ...rest } = receivedReferral();
		const parsed = referralSchema.parse(rest);
		expect(parsed.contactAttempts).toEqual([]);
		expect(parsed.supportOffered).toEqual([]);
		expect(parsed.ons4).toEqual({});
		expect(parsed.appointments).toBeUndefined();
	});

	it('support is described, and links to a community asset when it is one', () => {
		const supportOffered = [{ description: ' ', offeredOn: '2026-09-10', assetId: 'walk' }];
		expect(issuesOf(exampleReferral({ supportOffered }))).toEqual([
			'supportOffered.0.assetId: Choose a community asset from the directory',
			'supportOffered.0.description: Enter the support offered'
		]);
		const pensionCredit = { description: 'Pension Credit claim', offeredOn: '2026-09-10' };
		expect(issuesOf(exampleReferral({ supportOffered: [pensionCredit] }))).toEqual([]);
	});

	it('refuses an appointment of an unknown kind', () => {
		const appointments = [{ at: '2026-09-10T10:00:00Z', kind: 'review' }];
		expect(issuesOf({ ...exampleReferral(), appointments })).toEqual([
			'appointments.0.kind: Choose whether this is the first appointment'
		]);
	});
});

describe('ONS4 wellbeing scores', () => {
	const baseline = { recordedOn: '2026-09-10', lifeSatisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 };
	const followUp = { recordedOn: '2026-12-03', lifeSatisfaction: 6, worthwhile: 7, happiness: 6, anxiety: 4 };

	it('a follow-up score needs a baseline', () => {
		expect(issuesOf(exampleReferral({ ons4: { followUp } }))).toEqual([
			'ons4.followUp: A follow-up score needs a baseline'
		]);
		expect(issuesOf(exampleReferral({ ons4: { baseline, followUp } }))).toEqual([]);
	});

	it.each(['2026-09-10', '2026-09-09'])('a follow-up on %s is not after the baseline', (recordedOn) => {
		expect(issuesOf(exampleReferral({ ons4: { baseline, followUp: { ...followUp, recordedOn } } }))).toEqual([
			'ons4.followUp.recordedOn: Record follow-up scores on a later date than the baseline'
		]);
	});

	describe.each(ONS4_MEASURES)('%s', (measure) => {
		it.each([-1, 11, 4.5, '5', null, undefined])('refuses %j', (value) => {
			const scores = { ...baseline, [measure]: value };
			expect(issuesOf({ ...exampleReferral(), ons4: { baseline: scores } })).toEqual([
				`ons4.baseline.${measure}: Scores are whole numbers from 0 to 10`
			]);
		});

		it.each([0, 10])('accepts %d', (value) => {
			const scores = { ...baseline, [measure]: value };
			expect(issuesOf(exampleReferral({ ons4: { baseline: scores } }))).toEqual([]);
		});
	});

	it('a follow-up score is checked the same way', () => {
		const ons4 = { baseline, followUp: { ...followUp, anxiety: 12 } };
		expect(issuesOf({ ...exampleReferral(), ons4 })).toEqual([
			'ons4.followUp.anxiety: Scores are whole numbers from 0 to 10'
		]);
	});
});

describe('closure', () => {
	it('close needs a reason', () => {
		expect(issuesOf(exampleReferral({ status: 'closed' }))).toEqual(['closure.reason: Close needs a reason']);
		const { reason: _r, ...noReason } = closedReferral().closure ?? { reason: 'goalsMet', closedOn: '' };
		expect(issuesOf({ ...closedReferral(), closure: noReason })).toEqual([
			'closure.reason: Close needs a reason'
		]);
		expect(issuesOf({ ...closedReferral(), closure: { reason: 'bored', closedOn: '2026-12-01' } })).toEqual([
			'closure.reason: Close needs a reason'
		]);
	});

	it('only a closed referral has a closing reason', () => {
		expect(issuesOf(exampleReferral({ closure: { reason: 'goalsMet', closedOn: '2026-12-01' } }))).toEqual([
			'closure: Only a closed referral can have a closing reason'
		]);
	});

	it.each(CLOSURE_REASONS.filter((r) => r !== 'referredOn' && r !== 'unableToContact'))(
		'closes as %s',
		(reason) => {
			expect(issuesOf(closedReferral({ reason }))).toEqual([]);
		}
	);

	it('referred on needs who to', () => {
		expect(issuesOf(closedReferral({ reason: 'referredOn' }))).toEqual([
			'closure.referredTo: Say which service they were referred on to'
		]);
		const referredTo = 'Cumbria Talking Therapies';
		expect(issuesOf(closedReferral({ reason: 'referredOn', referredTo }))).toEqual([]);
	});

	describe('unable to contact', () => {
		const closeWith = (outcomes: Parameters<typeof contactingReferral>[0]) =>
			contactingReferral(outcomes, {
				status: 'closed',
				closure: { reason: 'unableToContact', closedOn: '2026-09-20' }
			});

		it.each([
			[[], 'no attempts'],
			[['noAnswer', 'leftMessage'], 'two failed'],
			[['noAnswer', 'declined', 'noAnswer', 'noAnswer'], 'declined: they were spoken to'],
			[['noAnswer', 'noAnswer', 'reached', 'noAnswer'], 'only one failed since they were reached']
		] as const)('refuses %j (%s)', (outcomes, _why) => {
			expect(issuesOf(closeWith([...outcomes]))).toEqual([
				'closure.reason: Unable to contact needs 3 failed contact attempts first'
			]);
		});

		it.each([
			[['noAnswer', 'leftMessage', 'wrongNumber'], 'three failed'],
			[['reached', 'noAnswer', 'noAnswer', 'noAnswer'], 'three failed since they were last reached']
		] as const)('accepts %j (%s)', (outcomes, _why) => {
			expect(issuesOf(closeWith([...outcomes]))).toEqual([]);
		});
	});

	it('cannot close before the referral was received', () => {
		expect(issuesOf(closedReferral({ closedOn: '2026-08-31' }))).toEqual([
			'closure.closedOn: The closing date cannot be before the referral was received'
		]);
	});
});

describe('referralSchemaAsOf(today)', () => {
	const asOf = referralSchemaAsOf('2026-09-15');
	const fives = { lifeSatisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 5 };

	it('accepts the example on a later day', () => {
		expect(issuesOf(exampleReferral({ ons4: {} }), asOf)).toEqual([]);
	});

	it('keeps every clock-free rule', () => {
		expect(issuesOf(exampleReferral({ status: 'closed' }), asOf)).toEqual([
			'closure.reason: Close needs a reason'
		]);
	});

	it('date of birth must be in the past, once only when both rules agree', () => {
		expect(issuesOf(withPerson({ dateOfBirth: '2026-09-15' }), asOf)).toEqual([
			'person.dateOfBirth: Date of birth must be in the past'
		]);
		const future = exampleReferral({ receivedOn: '2026-09-20', ons4: {}, contactAttempts: [] });
		expect(issuesOf({ ...future, person: { ...future.person, dateOfBirth: '2026-09-16' } }, asOf)).toEqual([
			'person.dateOfBirth: Date of birth must be in the past',
			'receivedOn: Date received must be today or in the past'
		]);
		expect(issuesOf(withPerson({ dateOfBirth: '2026-08-31' }), asOf)).toEqual([]);
	});

	it('checks age against the date received, so old records stay valid', () => {
		// 120 when referred, 121 by "today".
		const old = referralSchemaAsOf('2027-09-01');
		expect(issuesOf(withPerson({ dateOfBirth: '1906-09-01' }), old)).toEqual([]);
	});

	it.each([
		[
			{ receivedOn: '2026-09-16', contactAttempts: [] },
			'receivedOn: Date received must be today or in the past'
		],
		[
			{ contactAttempts: [attempt('noAnswer', '2026-09-16T09:00:00+01:00')] },
			'contactAttempts.0.at: A contact attempt cannot be in the future'
		],
		[
			{ status: 'closed', closure: { reason: 'goalsMet', closedOn: '2026-09-16' } },
			'closure.closedOn: The closing date must be today or in the past'
		],
		[
			{ ons4: { baseline: { ...fives, recordedOn: '2026-09-16' } } },
			'ons4.baseline.recordedOn: Scores cannot be recorded for a future date'
		]
	] as const)('refuses a future date: %j', (overrides, issue) => {
		const referral = exampleReferral({ ons4: {}, ...(overrides as Partial<Referral>) });
		expect(issuesOf(referral, asOf)).toEqual([issue]);
	});

	it('refuses follow-up scores dated tomorrow', () => {
		const baseline = { ...fives, recordedOn: '2026-09-10' };
		const followUp = { ...fives, recordedOn: '2026-09-16' };
		const referral = exampleReferral({ ons4: { baseline, followUp } });
		expect(issuesOf(referral, asOf)).toEqual([
			'ons4.followUp.recordedOn: Scores cannot be recorded for a future date'
		]);
	});

	it('the stored-data schema ignores the clock', () => {
		const later = attempt('noAnswer', '2099-01-01T09:00:00Z');
		const referral = exampleReferral({ contactAttempts: [...exampleReferral().contactAttempts, later] });
		expect(issuesOf(referral)).toEqual([]);
		expect(issuesOf(referral, referralSchemaAsOf('2026-12-01'))).toEqual([
			'contactAttempts.2.at: A contact attempt cannot be in the future'
		]);
	});

	it('needs a real date for today', () => {
		expect(() => referralSchemaAsOf('15/09/2026')).toThrow('today must be a YYYY-MM-DD date');
	});
});

describe('demo generator records (src/lib/demo/referrals.ts) as they are today', () => {
	const demo = {
		status: 'triaged',
		person: {
			name: 'Margaret Teasdale',
			dateOfBirth: '1941-06-02',
			address: { line1: '3 Highgate', town: 'Kendal', postcode: 'LA9 4HE' },
			phone: '01632 960123'
		},
		source: 'gp',
		reasons: ['isolation'],
		receivedOn: '2026-11-02',
		assignedCoach: FIXTURE_IDS.coach
	};

	it('lack the consent answers', () => {
		expect(issuesOf(demo)).toEqual([
			'consentToContact: Say whether the person agreed to be contacted',
			'consentToShare: Say whether the person agreed to their information being shared'
		]);
	});

	it('are otherwise accepted, with their phone stored in E.164', () => {
		const withConsent = { ...demo, consentToContact: false, consentToShare: false };
		expect(referralSchema.parse(withConsent).person.phone).toBe('+441632960123');
	});

	it('from a Safe and Well visit lack the visit link; when closed, the reason', () => {
		const base = { ...demo, consentToContact: false, consentToShare: false };
		expect(issuesOf({ ...base, source: 'safeAndWellVisit' })).toEqual([
			'visitId: A referral from a Safe and Well visit must link to the visit'
		]);
		expect(issuesOf({ ...base, status: 'closed' })).toEqual(['closure.reason: Close needs a reason']);
	});
});
