import { describe, expect, it } from 'vitest';
import {
	canLogAttempt,
	failedAttempts,
	logAttempt,
	nextAction,
	proposeUnableToContact,
	ReferralError,
	sortCaseload,
	type NextAction
} from './caseload';
import type { ContactOutcome } from './codes';
import {
	attempt,
	closedReferral,
	contactingReferral,
	exampleReferral,
	firstAppointmentReferral,
	receivedReferral,
	triagedReferral
} from './fixtures';
import type { Referral } from './schema';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-09-08T09:00:00Z');

describe('failedAttempts: failures since the person was last spoken to', () => {
	it.each([
		[[], 0],
		[['noAnswer'], 1],
		[['noAnswer', 'leftMessage', 'wrongNumber'], 3],
		[['noAnswer', 'reached', 'noAnswer'], 1],
		[['noAnswer', 'noAnswer', 'declined'], 0],
		[['reached', 'noAnswer', 'noAnswer', 'noAnswer', 'noAnswer'], 4]
	] as [ContactOutcome[], number][])('%j → %d', (outcomes, count) => {
		expect(failedAttempts(contactingReferral(outcomes))).toBe(count);
	});

	it('goes by when each attempt happened, not the order logged', () => {
		const contactAttempts = [
			attempt('noAnswer', '2026-09-05T10:00:00+01:00'),
			attempt('reached', '2026-09-03T10:00:00+01:00'),
			attempt('noAnswer', '2026-09-04T10:00:00+01:00')
		];
		expect(failedAttempts(contactingReferral([], { contactAttempts }))).toBe(2);
	});
});

describe('proposeUnableToContact', () => {
	it.each([
		[['noAnswer', 'leftMessage'], false],
		[['noAnswer', 'leftMessage', 'wrongNumber'], true],
		[['noAnswer', 'noAnswer', 'noAnswer', 'noAnswer'], true],
		[['reached', 'noAnswer', 'noAnswer', 'noAnswer'], false],
		[['declined', 'noAnswer', 'noAnswer', 'noAnswer'], false]
	] as [ContactOutcome[], boolean][])('%j → %s', (outcomes, expected) => {
		expect(proposeUnableToContact(contactingReferral(outcomes))).toBe(expected);
	});

	it('not once the referral is closed', () => {
		const closed = contactingReferral(['noAnswer', 'noAnswer', 'noAnswer'], {
			status: 'closed',
			closure: { reason: 'unableToContact', closedOn: '2026-09-20' }
		});
		expect(proposeUnableToContact(closed)).toBe(false);
	});
});

describe('nextAction', () => {
	const baseline = { recordedOn: '2026-09-10', lifeSatisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 };
	const firstAt = '2026-09-10T10:00:00+01:00';
	const attended: Referral['appointments'] = [{ at: firstAt, kind: 'first', attended: true }];

	it.each<[string, Referral, Date, NextAction]>([
		[
			'received: triage within 2 days',
			receivedReferral(),
			NOW,
			{ code: 'triage', action: 'Triage', due: '2026-09-03', priority: 2 }
		],
		[
			'triaged without consent to contact',
			triagedReferral({ consentToContact: false, consentToShare: false, consentRecordedAt: undefined }),
			NOW,
			{ code: 'checkConsent', action: 'Check they agree to be contacted', due: '2026-09-06', priority: 3 }
		],
		[
			'triaged: first try within 5 days',
			triagedReferral(),
			NOW,
			{ code: 'firstAttempt', action: 'First contact attempt', due: '2026-09-06', priority: 3 }
		],
		[
			'contacting with no attempts yet',
			contactingReferral(),
			NOW,
			{ code: 'firstAttempt', action: 'First contact attempt', due: '2026-09-06', priority: 3 }
		],
		[
			'one failed attempt',
			contactingReferral(['noAnswer']),
			NOW,
			{ code: 'tryAgain', action: 'Try again (2 of 3 attempts)', due: '2026-09-05', priority: 3 }
		],
		[
			'two failed attempts',
			contactingReferral(['noAnswer', 'leftMessage']),
			NOW,
			{ code: 'tryAgain', action: 'Try again (3 of 3 attempts)', due: '2026-09-06', priority: 3 }
		],
		[
			'three failed attempts',
			contactingReferral(['noAnswer', 'leftMessage', 'wrongNumber']),
			NOW,
			{
				code: 'proposeUnableToContact',
				action: 'Propose closing: unable to contact',
				due: '2026-09-05',
				priority: 1
			}
		],
		[
			'they said no',
			contactingReferral(['noAnswer', 'declined']),
			NOW,
			{ code: 'proposeDeclined', action: 'Propose closing: declined', due: '2026-09-04', priority: 1 }
		],
		[
			'reached',
			contactingReferral(['noAnswer', 'reached']),
			NOW,
			{ code: 'bookFirstAppointment', action: 'Book first appointment', due: '2026-09-06', priority: 4 }
		],
		[
			'reached once, then lost: the coach decides, the app does not propose',
			contactingReferral(['reached', 'noAnswer', 'noAnswer', 'noAnswer']),
			NOW,
			{ code: 'bookFirstAppointment', action: 'Book first appointment', due: '2026-09-05', priority: 4 }
		],
		[
			'awaiting a first appointment that is not booked',
			firstAppointmentReferral({ appointments: undefined }),
			NOW,
			{ code: 'bookFirstAppointment', action: 'Book first appointment', due: '2026-09-06', priority: 4 }
		],
		[
			'first appointment booked',
			firstAppointmentReferral(),
			NOW,
			{ code: 'holdFirstAppointment', action: 'Hold the first appointment', due: '2026-09-10', priority: 7 }
		],
		[
			'first appointment passed',
			firstAppointmentReferral(),
			at('2026-09-10T11:00:00+01:00'),
			{
				code: 'recordAttendance',
				action: 'Record whether the first appointment went ahead',
				due: '2026-09-10',
				priority: 5
			}
		],
		[
			'first appointment missed',
			firstAppointmentReferral({ appointments: [{ at: firstAt, kind: 'first', attended: false }] }),
			at('2026-09-11T09:00:00Z'),
			{ code: 'rebookFirstAppointment', action: 'Rebook first appointment', due: '2026-09-12', priority: 4 }
		],
		[
			'first appointment held, no scores yet',
			firstAppointmentReferral({ appointments: attended }),
			at('2026-09-11T09:00:00Z'),
			{ code: 'recordBaseline', action: 'Record baseline wellbeing scores', due: '2026-09-10', priority: 5 }
		],
		[
			'first appointment held, scores recorded',
			firstAppointmentReferral({ appointments: attended, ons4: { baseline } }),
			at('2026-09-11T09:00:00Z'),
			{ code: 'startSupport', action: 'Start support', due: '2026-09-10', priority: 6 }
		],
		[
			'in progress without a baseline',
			exampleReferral({ ons4: {} }),
			at('2026-09-11T09:00:00Z'),
			{ code: 'recordBaseline', action: 'Record baseline wellbeing scores', due: '2026-09-10', priority: 5 }
		],
		[
			'in progress with nothing offered yet',
			exampleReferral({ supportOffered: [] }),
			at('2026-09-11T09:00:00Z'),
			{ code: 'offerSupport', action: 'Offer support', priority: 6 }
		],
		[
			'in progress, follow-up not yet due (12 weeks after the baseline)',
			exampleReferral(),
			at('2026-12-02T23:59:00Z'),
			{ code: 'supportUnderWay', action: 'Support under way', due: '2026-12-03', priority: 8 }
		],
		[
			'in progress, follow-up due',
			exampleReferral(),
			at('2026-12-03T00:00:00Z'),
			{ code: 'recordFollowUp', action: 'Record follow-up wellbeing scores', due: '2026-12-03', priority: 5 }
		],
		[
			'in progress, follow-up recorded',
			exampleReferral({ ons4: { baseline, followUp: { ...baseline, recordedOn: '2026-12-03' } } }),
			at('2026-12-04T09:00:00Z'),
			{ code: 'review', action: 'Review goals and close when met', priority: 8 }
		],
		[
			'in progress, then they said they want no more help',
			exampleReferral({
				contactAttempts: [
					...exampleReferral().contactAttempts,
					attempt('declined', '2026-10-01T10:00:00+01:00')
				]
			}),
			at('2026-10-02T09:00:00Z'),
			{ code: 'proposeDeclined', action: 'Propose closing: declined', due: '2026-10-01', priority: 1 }
		],
		[
			'closed',
			closedReferral(),
			NOW,
			{ code: 'none', action: 'Nothing: the referral is closed', priority: 99 }
		]
	])('%s', (_name, referral, now, expected) => {
		expect(nextAction(referral, now)).toEqual(expected);
	});

	it('uses the UK date: 00:30 BST is already the day the follow-up falls due', () => {
		const referral = exampleReferral({ ons4: { baseline: { ...baseline, recordedOn: '2026-04-01' } } });
		expect(nextAction(referral, at('2026-06-23T22:59:00Z')).code).toBe('supportUnderWay');
		expect(nextAction(referral, at('2026-06-23T23:30:00Z'))).toMatchObject({
			code: 'recordFollowUp',
			due: '2026-06-24'
		});
	});
});

describe('sortCaseload', () => {
	const referrals: Record<string, Referral> = {
		review: exampleReferral({
			ons4: {
				baseline: { recordedOn: '2026-09-10', lifeSatisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 },
				followUp: { recordedOn: '2026-09-30', lifeSatisfaction: 6, worthwhile: 6, happiness: 6, anxiety: 5 }
			}
		}),
		closed: closedReferral(),
		underWay: exampleReferral(),
		newest: triagedReferral(),
		oldest: triagedReferral({ receivedOn: '2026-08-25' }),
		unreachable: contactingReferral(['noAnswer', 'noAnswer', 'noAnswer']),
		triage: receivedReferral(),
		// Same action and due date as `retryLater`, but received earlier.
		retryEarlier: contactingReferral([], {
			receivedOn: '2026-08-20',
			contactAttempts: [attempt('noAnswer', '2026-09-04T10:00:00+01:00')]
		}),
		retryLater: contactingReferral(['noAnswer', 'noAnswer'])
	};
	const order = [
		'unreachable',
		'triage',
		'oldest',
		'retryEarlier',
		'newest',
		'retryLater',
		'underWay',
		'review',
		'closed'
	];

	it('orders by next action priority, then due date (undated last), then oldest referral', () => {
		const sorted = sortCaseload(Object.values(referrals), at('2026-10-01T09:00:00Z'));
		const name = (r: Referral) => Object.keys(referrals).find((key) => referrals[key] === r);
		expect(sorted.map((entry) => name(entry.item))).toEqual(order);
		expect(sorted.map((entry) => entry.next.code)).toEqual([
			'proposeUnableToContact',
			'triage',
			'firstAttempt',
			'tryAgain',
			'firstAttempt',
			'tryAgain',
			'supportUnderWay',
			'review',
			'none'
		]);
	});

	it('sorts stored records by their data', () => {
		const records = Object.entries(referrals).map(([id, data]) => ({ id, data }));
		const sorted = sortCaseload(records, at('2026-10-01T09:00:00Z'), (record) => record.data);
		expect(sorted.map((entry) => entry.item.id)).toEqual(order);
	});

	it('keeps the given order on a complete tie', () => {
		const a = receivedReferral();
		const b = receivedReferral();
		const sorted = sortCaseload([a, b], NOW);
		expect(sorted[0]?.item).toBe(a);
		expect(sorted[1]?.item).toBe(b);
	});
});

describe('logAttempt: two taps', () => {
	const now = at('2026-09-05T10:00:00Z');

	it('records channel and outcome at the current time', () => {
		const tapped = { channel: 'phone', outcome: 'leftMessage' } as const;
		const updated = logAttempt(contactingReferral(['noAnswer']), tapped, now);
		expect(updated.contactAttempts.at(-1)).toEqual({
			at: '2026-09-05T10:00:00.000Z',
			channel: 'phone',
			outcome: 'leftMessage'
		});
		expect(updated.status).toBe('contacting');
	});

	it('the first attempt on a triaged referral starts contacting', () => {
		const updated = logAttempt(triagedReferral(), { channel: 'text', outcome: 'noAnswer' }, now);
		expect(updated.status).toBe('contacting');
		expect(updated.contactAttempts).toHaveLength(1);
	});

	it('keeps attempts in time order when one is logged late', () => {
		const referral = contactingReferral(['noAnswer', 'noAnswer']);
		const updated = logAttempt(
			referral,
			{ channel: 'letter', outcome: 'noAnswer', at: '2026-09-02T12:00:00+01:00', note: 'Letter sent' },
			now
		);
		expect(updated.contactAttempts.map((a) => a.at)).toEqual([
			'2026-09-02T12:00:00+01:00',
			'2026-09-03T10:00:00+01:00',
			'2026-09-04T10:00:00+01:00'
		]);
	});

	it('the third failure brings the proposal to close', () => {
		const referral = contactingReferral(['noAnswer', 'noAnswer']);
		expect(proposeUnableToContact(referral)).toBe(false);
		const updated = logAttempt(referral, { channel: 'phone', outcome: 'noAnswer' }, now);
		expect(proposeUnableToContact(updated)).toBe(true);
		expect(nextAction(updated, now).action).toBe('Propose closing: unable to contact');
	});

	it.each<[string, Referral, string]>([
		['closed', closedReferral(), 'Reopen the referral before logging a contact attempt'],
		['not yet triaged', receivedReferral(), 'Triage the referral before contacting the person'],
		['no consent', triagedReferral({ consentToContact: false }), 'The person has not agreed to be contacted']
	])('refuses when %s', (_name, referral, message) => {
		expect(canLogAttempt(referral)).toEqual({ ok: false, reason: message });
		expect(() => logAttempt(referral, { channel: 'phone', outcome: 'reached' }, now)).toThrow(message);
	});

	it('allows it on any open, triaged referral with consent', () => {
		const open = [triagedReferral(), contactingReferral(), firstAppointmentReferral(), exampleReferral()];
		for (const referral of open) expect(canLogAttempt(referral)).toEqual({ ok: true });
	});

	function errorsOf(run: () => unknown): unknown {
		try {
			run();
		} catch (error) {
			return error instanceof ReferralError ? error.errors : error;
		}
		return 'no error';
	}

	it('explains a bad attempt field by field', () => {
		const bad = { channel: 'pigeon', outcome: 'lost' } as unknown as Parameters<typeof logAttempt>[1];
		expect(errorsOf(() => logAttempt(contactingReferral(), bad, now))).toEqual([
			{ path: 'channel', message: 'Choose how you tried to contact them' },
			{ path: 'outcome', message: 'Choose what happened' }
		]);
	});

	it('refuses an attempt in the future', () => {
		const later = { channel: 'phone', outcome: 'noAnswer', at: '2026-09-05T10:01:00Z' } as const;
		expect(errorsOf(() => logAttempt(contactingReferral(), later, now))).toEqual([
			{ path: 'at', message: 'A contact attempt cannot be in the future' }
		]);
	});

	it('refuses an attempt before the referral arrived', () => {
		const early = { channel: 'phone', outcome: 'noAnswer', at: '2026-08-30T10:00:00Z' } as const;
		expect(errorsOf(() => logAttempt(contactingReferral(), early, now))).toEqual([
			{
				path: 'contactAttempts.0.at',
				message: 'A contact attempt cannot be before the referral was received'
			}
		]);
	});

	it('leaves the referral it was given alone', () => {
		const referral = contactingReferral(['noAnswer']);
		logAttempt(referral, { channel: 'phone', outcome: 'reached' }, now);
		expect(referral.contactAttempts).toHaveLength(1);
	});
});
