import { describe, expect, it } from 'vitest';
import { fieldErrors, type FieldError } from '../common/errors';
import * as codes from './codes';
import {
	ALARM_TYPES,
	CLUTTER_ROOMS,
	OUTCOMES,
	VISIT_STATUSES,
	type Outcome,
	type VisitStatus
} from './codes';
import { exampleConsent, exampleHome, exampleVisit, highRiskVisit } from './fixtures';
import { HEALTH_FIELDS, healthFieldsAnswered } from './health';
import { VISIT_MESSAGES as M } from './messages';
import { occupantSchema, visitSchema, type Occupant, type Visit, type VisitInput } from './schema';

/** A visit just asked for: no consent yet, so no health details. */
function requestedVisit(overrides: Partial<Visit> = {}): Visit {
	return {
		status: 'requested',
		address: { line1: '7 Beacon View', town: 'Penrith', postcode: 'CA11 7AA' },
		source: 'family',
		occupants: [{ name: 'Eileen Routledge', ageBand: '75-84', livesAlone: true }],
		adviceGiven: [],
		onwardReferrals: [],
		...overrides
	};
}

function errorsOf(input: unknown): FieldError[] {
	const result = visitSchema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
}

function expectAccepted(input: unknown) {
	expect(errorsOf(input)).toEqual([]);
}

function expectRefused(input: unknown, path: string, message: string) {
	expect(errorsOf(input)).toContainEqual({ path, message });
}

const withOccupant = (occupant: Occupant, base: Visit = exampleVisit()): Visit => ({
	...base,
	occupants: [occupant]
});

const eileen = (extra: Partial<Occupant> = {}): Occupant => ({
	name: 'Eileen Routledge',
	ageBand: '75-84',
	livesAlone: true,
	...extra
});

describe('examples', () => {
	it.each([
		['exampleVisit', exampleVisit()],
		['highRiskVisit', highRiskVisit()],
		['a new request', requestedVisit()]
	])('%s is valid and already in stored form', (_name, visit) => {
		expect(visitSchema.parse(visit)).toEqual(visit);
	});

	it('takes overrides', () => {
		expect(exampleVisit({ notes: 'Changed' }).notes).toBe('Changed');
		expect(exampleVisit({ status: 'closed' }).status).toBe('closed');
	});
});

describe('normalising', () => {
	it('stores postcodes and phones in one form and fills empty lists', () => {
		const parsed = visitSchema.parse({
			status: 'requested',
			address: { line1: ' 7 Beacon View ', town: 'Penrith', postcode: 'ca117aa' },
			source: 'self',
			occupants: [{ name: 'Eileen Routledge', ageBand: '75-84', livesAlone: true, phone: '01632 960123' }]
		});
		expect(parsed.address).toEqual({ line1: '7 Beacon View', town: 'Penrith', postcode: 'CA11 7AA' });
		expect(parsed.occupants[0]?.phone).toBe('+441632960123');
		expect(parsed.adviceGiven).toEqual([]);
		expect(parsed.onwardReferrals).toEqual([]);
	});

	it('fills the smoking questions not asked with no, and fitted today with 0', () => {
		const input: VisitInput = {
			...exampleVisit(),
			occupants: [{ ...eileen(), smoking: { smokes: true } }],
			home: { smokeAlarms: { present: 1, working: 1 } }
		};
		const parsed = visitSchema.parse(input);
		expect(parsed.occupants[0]?.smoking).toEqual({
			smokes: true,
			inBed: false,
			airflowMattress: false,
			emollients: false
		});
		expect(parsed.home?.smokeAlarms).toEqual({ present: 1, working: 1, fittedToday: 0 });
		expect(parsed.home?.clutter).toEqual({});
		expect(parsed.home?.specialistAlarms).toEqual([]);
	});
});

describe('rule: working alarms cannot exceed alarms present', () => {
	it.each(ALARM_TYPES)('%s: refuses more working than present', (type) => {
		const home = { ...exampleHome(), [type]: { present: 1, working: 2, fittedToday: 0 } };
		expectRefused(exampleVisit({ home }), `home.${type}.working`, M.workingExceedsPresent);
	});

	it.each(ALARM_TYPES)('%s: accepts as many working as present, and none', (type) => {
		expectAccepted(
			exampleVisit({ home: { ...exampleHome(), [type]: { present: 2, working: 2, fittedToday: 0 } } })
		);
		expectAccepted(
			exampleVisit({ home: { ...exampleHome(), [type]: { present: 0, working: 0, fittedToday: 0 } } })
		);
	});

	it.each(ALARM_TYPES)('%s: counts alarms fitted today within present', (type) => {
		const fitted = (present: number, fittedToday: number) =>
			exampleVisit({ home: { ...exampleHome(), [type]: { present, working: present, fittedToday } } });
		expectAccepted(fitted(2, 2));
		expectRefused(fitted(1, 2), `home.${type}.fittedToday`, M.fittedExceedsPresent);
	});

	it('refuses counts that are not whole numbers of 0 or more', () => {
		const home = (counts: unknown) => ({ ...exampleHome(), smokeAlarms: counts });
		expectRefused(
			{ ...exampleVisit(), home: home({ present: -1, working: 0 }) },
			'home.smokeAlarms.present',
			'The number of alarms cannot be negative'
		);
		expectRefused(
			{ ...exampleVisit(), home: home({ present: 1.5, working: 0 }) },
			'home.smokeAlarms.present',
			'Enter a whole number of alarms'
		);
		expectRefused(
			{ ...exampleVisit(), home: home({ present: 1 }) },
			'home.smokeAlarms.working',
			'Enter the number of alarms'
		);
	});
});

describe('rule: record consent before health details', () => {
	const answers: Required<Pick<Occupant, (typeof HEALTH_FIELDS)[number]>> = {
		hearing: 'none',
		mobility: 'none',
		cognition: 'none',
		smoking: { smokes: false, inBed: false, airflowMattress: false, emollients: false },
		alcohol: 'none',
		homeOxygen: false,
		careReceived: 'none'
	};

	it.each(HEALTH_FIELDS)('refuses %s (even "none") without any consent', (field) => {
		const visit = requestedVisit({ occupants: [eileen({ [field]: answers[field] })] });
		expectRefused(visit, `occupants.0.${field}`, M.consentBeforeHealth);
	});

	it.each(HEALTH_FIELDS)('refuses %s when they said no to health details', (field) => {
		const consent = exampleConsent({ toRecordHealth: false });
		const visit = requestedVisit({ consent, occupants: [eileen({ [field]: answers[field] })] });
		expectRefused(visit, `occupants.0.${field}`, M.consentBeforeHealth);
	});

	it.each(HEALTH_FIELDS)('accepts %s once they agreed to health details', (field) => {
		const visit = requestedVisit({
			consent: exampleConsent(),
			occupants: [eileen({ [field]: answers[field] })]
		});
		expectAccepted(visit);
	});

	it('points at each answered field of the right person', () => {
		const visit = requestedVisit({
			occupants: [eileen(), eileen({ name: 'Jim Routledge', alcohol: 'heavy' })]
		});
		expect(errorsOf(visit)).toEqual([{ path: 'occupants.1.alcohol', message: M.consentBeforeHealth }]);
	});

	it('accepts a person with no health details and no consent', () => {
		expectAccepted(requestedVisit());
	});
});

describe('rule: an onward referral needs consent to share, or a safeguarding reason', () => {
	const referral = { to: 'adultSocialCare', reason: 'Struggling with stairs' } as const;
	const withReferral = (extra: object) => exampleVisit({ onwardReferrals: [{ ...referral, ...extra }] });

	it.each([
		['no answer', {}],
		['a no', { consentToShare: false }]
	])('refuses %s about sharing', (_name, extra) => {
		expectRefused(withReferral(extra), 'onwardReferrals.0.consentToShare', M.referralNeedsConsent);
	});

	it('accepts consent to share', () => {
		expectAccepted(withReferral({ consentToShare: true }));
	});

	it('accepts a safeguarding override with a reason instead', () => {
		expectAccepted(
			withReferral({ consentToShare: false, safeguardingOverride: { reason: 'Signs of neglect by a carer' } })
		);
		expectAccepted(withReferral({ safeguardingOverride: { reason: 'Signs of neglect by a carer' } }));
	});

	it('refuses a safeguarding override with no reason', () => {
		expectRefused(
			withReferral({ safeguardingOverride: { reason: '  ' } }),
			'onwardReferrals.0.safeguardingOverride.reason',
			'Enter the safeguarding reason for sharing'
		);
	});

	it('refuses a referral with no reason or an unknown service', () => {
		expectRefused(
			withReferral({ consentToShare: true, reason: '' }),
			'onwardReferrals.0.reason',
			'Enter why the referral is needed'
		);
		expectRefused(
			withReferral({ consentToShare: true, to: 'vet' }),
			'onwardReferrals.0.to',
			'Choose who the referral is to'
		);
	});
});

describe('rule: an age band or a date of birth', () => {
	it('refuses a person with neither', () => {
		expectRefused(
			requestedVisit({ occupants: [{ name: 'Eileen Routledge', livesAlone: true }] }),
			'occupants.0.ageBand',
			M.ageOrDateOfBirth
		);
	});

	it('accepts either, or both', () => {
		expectAccepted(
			requestedVisit({ occupants: [{ name: 'Eileen Routledge', ageBand: '85+', livesAlone: true }] })
		);
		expectAccepted(
			requestedVisit({
				occupants: [{ name: 'Eileen Routledge', dateOfBirth: '1944-02-29', livesAlone: true }]
			})
		);
		expectAccepted(
			requestedVisit({
				occupants: [
					{ name: 'Eileen Routledge', ageBand: '75-84', dateOfBirth: '1944-02-29', livesAlone: true }
				]
			})
		);
	});

	it('refuses an impossible date of birth or an unknown band', () => {
		expectRefused(
			requestedVisit({
				occupants: [{ name: 'Eileen Routledge', dateOfBirth: '1943-02-29', livesAlone: true }]
			}),
			'occupants.0.dateOfBirth',
			'Enter a real date'
		);
		expectRefused(
			{ ...requestedVisit(), occupants: [{ name: 'Eileen Routledge', ageBand: '60-70', livesAlone: true }] },
			'occupants.0.ageBand',
			'Choose an age band'
		);
	});
});

describe('rule: Clutter Image Rating is from 1 to 9', () => {
	const rated = (room: string, rating: unknown) => ({
		...exampleVisit(),
		home: { ...exampleHome(), clutter: { [room]: rating } }
	});

	it.each(
		CLUTTER_ROOMS.flatMap((room) => [0, 10, -1, 4.5, '5', null].map((rating) => [room, rating] as const))
	)('%s: refuses %s', (room, rating) => {
		expectRefused(rated(room, rating), `home.clutter.${room}`, M.clutterRating);
	});

	it.each(CLUTTER_ROOMS.flatMap((room) => [1, 5, 9].map((rating) => [room, rating] as const)))(
		'%s: accepts %s',
		(room, rating) => {
			expectAccepted(rated(room, rating));
		}
	);

	it('accepts rooms not rated', () => {
		expectAccepted(rated('kitchen', undefined));
	});
});

describe('rule: smoking in bed only for someone who smokes', () => {
	it('refuses in bed without smoking, and accepts it with', () => {
		const smoking = (smokes: boolean) => ({ smokes, inBed: true, airflowMattress: false, emollients: false });
		expectRefused(
			withOccupant(eileen({ smoking: smoking(false) })),
			'occupants.0.smoking.inBed',
			M.inBedWithoutSmoking
		);
		expectAccepted(withOccupant(eileen({ smoking: smoking(true) })));
	});
});

describe('rule: a scheduled visit has a date and time', () => {
	it('refuses a scheduled visit with no appointment', () => {
		expectRefused(requestedVisit({ status: 'scheduled' }), 'scheduledFor', M.scheduleNeedsTime);
	});

	it('accepts one with, and a request without', () => {
		expectAccepted(requestedVisit({ status: 'scheduled', scheduledFor: '2026-03-10T10:30:00Z' }));
		expectAccepted(requestedVisit());
	});

	it('refuses a time that is not a date and time', () => {
		expectRefused(
			requestedVisit({ status: 'scheduled', scheduledFor: 'next Tuesday' }),
			'scheduledFor',
			'Enter a date and time'
		);
	});
});

describe('rule: consent to visit once the visit has started', () => {
	it.each(['inProgress', 'completed', 'closed'] as const)('refuses %s with no consent, or a no', (status) => {
		const visit = exampleVisit({ status, outcome: 'completed', consent: undefined, occupants: [eileen()] });
		expectRefused(visit, 'consent.toVisit', M.consentToVisit);
		expectRefused(
			{ ...visit, consent: exampleConsent({ toVisit: false }) },
			'consent.toVisit',
			M.consentToVisit
		);
	});

	it.each(['requested', 'scheduled', 'noAccess', 'declined'] as const)(
		'accepts %s with no consent',
		(status) => {
			expectAccepted(requestedVisit({ status, scheduledFor: '2026-03-10T10:30:00Z' }));
		}
	);
});

describe('rule: the outcome fits the status', () => {
	// Every status against every outcome (and none): true, or the refusal.
	const EXPECTED: Record<VisitStatus, Record<Outcome | 'none', true | string>> = {
		requested: {
			none: true,
			completed: M.notStartedOutcome,
			partial: M.notStartedOutcome,
			refused: M.notStartedOutcome,
			noAccess: true,
			rebook: true
		},
		scheduled: {
			none: true,
			completed: M.notStartedOutcome,
			partial: M.notStartedOutcome,
			refused: M.notStartedOutcome,
			noAccess: true,
			rebook: true
		},
		inProgress: { none: true, completed: true, partial: true, refused: true, noAccess: true, rebook: true },
		completed: {
			none: M.outcomeNeeded,
			completed: true,
			partial: true,
			refused: M.finishedOutcome,
			noAccess: M.finishedOutcome,
			rebook: M.finishedOutcome
		},
		closed: {
			none: M.outcomeNeeded,
			completed: true,
			partial: true,
			refused: M.finishedOutcome,
			noAccess: M.finishedOutcome,
			rebook: M.finishedOutcome
		},
		noAccess: {
			none: true,
			completed: M.noAccessOutcome,
			partial: M.noAccessOutcome,
			refused: M.noAccessOutcome,
			noAccess: true,
			rebook: M.noAccessOutcome
		},
		declined: {
			none: true,
			completed: M.declinedOutcome,
			partial: M.declinedOutcome,
			refused: true,
			noAccess: M.declinedOutcome,
			rebook: M.declinedOutcome
		}
	};
	const cases = VISIT_STATUSES.flatMap((status) =>
		(['none', ...OUTCOMES] as const).map((outcome) => [status, outcome, EXPECTED[status][outcome]] as const)
	);

	it.each(cases)('%s with outcome %s: %s', (status, outcome, expected) => {
		const visit = exampleVisit({ status, outcome: outcome === 'none' ? undefined : outcome });
		if (expected === true) expectAccepted(visit);
		else expect(errorsOf(visit)).toEqual([{ path: 'outcome', message: expected }]);
	});
});

describe('fields', () => {
	it.each([
		['a visit for nobody', { occupants: [] }, 'occupants', 'Add the person the visit is for'],
		['a visit with no people list', { occupants: undefined }, 'occupants', 'Add the person the visit is for'],
		['an unknown status', { status: 'lost' }, 'status', 'Choose the visit’s status'],
		['an unknown source', { source: 'pigeon' }, 'source', 'Choose who asked for the visit'],
		['an officer who is not a staff id', { assignedTo: 'Sam' }, 'assignedTo', 'Choose a member of staff'],
		[
			'a blank name',
			{ occupants: [{ name: ' ', ageBand: '85+', livesAlone: false }] },
			'occupants.0.name',
			'Enter the person’s name'
		],
		[
			'lives alone unanswered',
			{ occupants: [{ name: 'Eileen', ageBand: '85+' }] },
			'occupants.0.livesAlone',
			'Say whether they live alone'
		],
		[
			'a bad phone',
			{ occupants: [{ name: 'Eileen', ageBand: '85+', livesAlone: true, phone: '999' }] },
			'occupants.0.phone',
			'Enter a UK phone number, like 01768 772000 or 07700 900123'
		],
		[
			'a bad postcode',
			{ address: { line1: '7 Beacon View', town: 'Penrith', postcode: 'Penrith' } },
			'address.postcode',
			'Enter a real postcode, like CA12 5DJ'
		],
		[
			'an unknown consent method',
			{ consent: { ...exampleConsent(), method: 'telepathy' } },
			'consent.method',
			'Choose how consent was given'
		],
		[
			'consent with no time',
			{ consent: { ...exampleConsent(), recordedAt: 'today' } },
			'consent.recordedAt',
			'Enter a date and time'
		],
		[
			'consent recorded by nobody',
			{ consent: { ...exampleConsent(), recordedBy: '' } },
			'consent.recordedBy',
			'Enter who recorded consent'
		],
		['unknown advice', { adviceGiven: ['juggling'] }, 'adviceGiven.0', 'Choose advice from the list'],
		[
			'advice twice',
			{ adviceGiven: ['cooking', 'cooking'] },
			'adviceGiven',
			'Choose each piece of advice once'
		],
		[
			'a specialist alarm twice',
			{ home: { ...exampleHome(), specialistAlarms: ['strobe', 'strobe'] } },
			'home.specialistAlarms',
			'Choose each specialist alarm once'
		],
		[
			'unknown heating',
			{ home: { ...exampleHome(), heating: 'volcano' } },
			'home.heating',
			'Choose the main heating'
		],
		['an unknown outcome', { outcome: 'lovely' }, 'outcome', 'Choose the outcome of the visit'],
		['notes too long', { notes: 'x'.repeat(4001) }, 'notes', 'Notes must be 4000 characters or fewer']
	])('refuses %s', (_name, change, path, message) => {
		expectRefused({ ...exampleVisit(), ...change }, path, message);
	});
});

describe('labels', () => {
	const lists: [string, readonly string[], Record<string, string>][] = [
		['status', codes.VISIT_STATUSES, codes.VISIT_STATUS_LABELS],
		['source', codes.VISIT_SOURCES, codes.VISIT_SOURCE_LABELS],
		['consent method', codes.CONSENT_METHODS, codes.CONSENT_METHOD_LABELS],
		['age band', codes.AGE_BANDS, codes.AGE_BAND_LABELS],
		['hearing', codes.HEARING, codes.HEARING_LABELS],
		['mobility', codes.MOBILITY, codes.MOBILITY_LABELS],
		['cognition', codes.COGNITION, codes.COGNITION_LABELS],
		['alcohol', codes.ALCOHOL, codes.ALCOHOL_LABELS],
		['care', codes.CARE_RECEIVED, codes.CARE_RECEIVED_LABELS],
		['alarm type', codes.ALARM_TYPES, codes.ALARM_TYPE_LABELS],
		['specialist alarm', codes.SPECIALIST_ALARMS, codes.SPECIALIST_ALARM_LABELS],
		['heating', codes.HEATING, codes.HEATING_LABELS],
		['cooking', codes.COOKING, codes.COOKING_LABELS],
		['room', codes.CLUTTER_ROOMS, codes.CLUTTER_ROOM_LABELS],
		['advice', codes.ADVICE, codes.ADVICE_LABELS],
		['onward referral', codes.ONWARD_REFERRALS, codes.ONWARD_REFERRAL_LABELS],
		['outcome', codes.OUTCOMES, codes.OUTCOME_LABELS],
		['coach reason', codes.COACH_REASONS, codes.COACH_REASON_LABELS]
	];

	it.each(lists)('every %s code has words, and nothing else does', (_name, list, labels) => {
		expect(Object.keys(labels)).toEqual([...list]);
		for (const code of list) expect(labels[code]?.trim()).not.toBe('');
	});

	it('describes each of the nine clutter ratings', () => {
		expect(Object.keys(codes.CLUTTER_RATING_LABELS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	it('lists the domain.md onward referral services', () => {
		expect(codes.ONWARD_REFERRALS).toHaveLength(13);
	});
});

describe('health fields', () => {
	const IDENTITY = ['name', 'ageBand', 'dateOfBirth', 'livesAlone', 'phone'];

	it('names exactly the health details, so a new field has to be sorted into one or the other', () => {
		expect([...HEALTH_FIELDS]).toEqual([
			'hearing',
			'mobility',
			'cognition',
			'smoking',
			'alcohol',
			'homeOxygen',
			'careReceived'
		]);
		expect(Object.keys(occupantSchema.shape).sort()).toEqual([...IDENTITY, ...HEALTH_FIELDS].sort());
	});

	it('lists which health details a person has answered', () => {
		expect(healthFieldsAnswered(eileen())).toEqual([]);
		expect(healthFieldsAnswered(eileen({ homeOxygen: false, alcohol: 'none' }))).toEqual([
			'alcohol',
			'homeOxygen'
		]);
	});
});
