import { describe, expect, it } from 'vitest';
import {
	CLOSURE_REASONS,
	OPEN_STATUSES,
	REFERRAL_STATUSES,
	STATUS_LABELS,
	type ReferralStatus
} from './codes';
import {
	closedReferral,
	contactingReferral,
	exampleReferral,
	firstAppointmentReferral,
	receivedReferral,
	triagedReferral
} from './fixtures';
import { moveReferral, referralLifecycle } from './lifecycle';
import type { Referral } from './schema';

const lifecycle = referralLifecycle;

/** Every allowed move. Anything else is refused. */
const ALLOWED: ReadonlySet<string> = new Set([
	'received→triaged',
	'received→closed',
	'triaged→contacting',
	'triaged→closed',
	'contacting→firstAppointment',
	'contacting→closed',
	'firstAppointment→inProgress',
	'firstAppointment→closed',
	'inProgress→closed',
	'closed→inProgress'
]);

/** A referral that passes every guard: coach, reasons, consent, a conversation, a closing reason. */
function ready(status: ReferralStatus): Referral {
	return exampleReferral({ status, closure: { reason: 'goalsMet', closedOn: '2026-12-01' } });
}

const label = (status: ReferralStatus) => STATUS_LABELS[status].toLowerCase();

describe('every (from, to) pair', () => {
	const pairs = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as const));

	it('covers all 36 pairs, 10 of them allowed', () => {
		expect(pairs).toHaveLength(36);
		expect(pairs.filter(([from, to]) => ALLOWED.has(`${from}→${to}`))).toHaveLength(ALLOWED.size);
	});

	it.each(pairs)('%s → %s', (from, to) => {
		const verdict = lifecycle.check(from, to, ready(from));
		if (ALLOWED.has(`${from}→${to}`)) expect(verdict).toEqual({ ok: true });
		else if (from === to) expect(verdict).toEqual({ ok: false, reason: `It is already ${label(to)}` });
		else {
			expect(verdict).toEqual({
				ok: false,
				reason: `A record that is ${label(from)} cannot be moved to ${label(to)}`
			});
		}
	});

	it('says the refusals in the users’ words', () => {
		expect(lifecycle.check('contacting', 'triaged', ready('contacting'))).toEqual({
			ok: false,
			reason: 'A record that is being contacted cannot be moved to triaged'
		});
		expect(lifecycle.check('closed', 'contacting', ready('closed'))).toEqual({
			ok: false,
			reason: 'A record that is closed cannot be moved to being contacted'
		});
		expect(lifecycle.check('firstAppointment', 'firstAppointment', ready('firstAppointment'))).toEqual({
			ok: false,
			reason: 'It is already awaiting first appointment'
		});
	});

	it('lists where each status may go next', () => {
		expect(Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, lifecycle.next(s)]))).toEqual({
			received: ['triaged', 'closed'],
			triaged: ['contacting', 'closed'],
			contacting: ['firstAppointment', 'closed'],
			firstAppointment: ['inProgress', 'closed'],
			inProgress: ['closed'],
			closed: ['inProgress']
		});
	});
});

describe('guards', () => {
	it('triage needs a coach', () => {
		expect(lifecycle.check('received', 'triaged', receivedReferral())).toEqual({
			ok: false,
			reason: 'Assign a coach before triage'
		});
	});

	it('triage needs a reason', () => {
		const noReasons = triagedReferral({ status: 'received', reasons: [] });
		expect(lifecycle.check('received', 'triaged', noReasons)).toEqual({
			ok: false,
			reason: 'Choose at least one reason for the referral'
		});
	});

	it('contacting needs consent to contact', () => {
		expect(lifecycle.check('triaged', 'contacting', triagedReferral({ consentToContact: false }))).toEqual({
			ok: false,
			reason: 'The person has not agreed to be contacted'
		});
		expect(lifecycle.check('triaged', 'contacting', triagedReferral())).toEqual({ ok: true });
	});

	it.each([[[]], [['noAnswer', 'leftMessage']], [['declined']]] as const)(
		'a first appointment needs a conversation (%j refused)',
		(outcomes) => {
			expect(lifecycle.check('contacting', 'firstAppointment', contactingReferral([...outcomes]))).toEqual({
				ok: false,
				reason: 'Speak to the person before booking their first appointment'
			});
		}
	);

	it('a first appointment follows reaching them', () => {
		const reached = contactingReferral(['noAnswer', 'reached']);
		expect(lifecycle.check('contacting', 'firstAppointment', reached)).toEqual({ ok: true });
	});

	it('starting support needs nothing more', () => {
		const booked = firstAppointmentReferral();
		expect(lifecycle.check('firstAppointment', 'inProgress', booked)).toEqual({ ok: true });
	});

	describe.each(OPEN_STATUSES)('closing from %s', (from) => {
		const open = (closure?: Referral['closure']) => exampleReferral({ status: from, closure });

		it('needs a reason', () => {
			expect(lifecycle.check(from, 'closed', open())).toEqual({ ok: false, reason: 'Close needs a reason' });
		});

		it('referred on needs who to', () => {
			const closure = { reason: 'referredOn', closedOn: '2026-12-01' } as const;
			expect(lifecycle.check(from, 'closed', open(closure))).toEqual({
				ok: false,
				reason: 'Say which service they were referred on to'
			});
		});

		it('unable to contact needs 3 failed attempts in a row', () => {
			const closure = { reason: 'unableToContact', closedOn: '2026-09-20' } as const;
			expect(lifecycle.check(from, 'closed', { ...open(closure), contactAttempts: [] })).toEqual({
				ok: false,
				reason: 'Unable to contact needs 3 failed contact attempts first'
			});
			const failed = contactingReferral(['noAnswer', 'noAnswer', 'wrongNumber']).contactAttempts;
			expect(lifecycle.check(from, 'closed', { ...open(closure), contactAttempts: failed })).toEqual({
				ok: true
			});
		});

		it.each(CLOSURE_REASONS.filter((r) => r !== 'unableToContact'))('closes as %s', (reason) => {
			const closure = { reason, closedOn: '2026-12-01', referredTo: 'Age UK South Lakeland' };
			expect(lifecycle.check(from, 'closed', open(closure))).toEqual({ ok: true });
		});
	});

	describe('reopening', () => {
		it('picks up support with someone the coach has spoken to', () => {
			expect(lifecycle.check('closed', 'inProgress', closedReferral())).toEqual({ ok: true });
		});

		it('is refused when the person died', () => {
			expect(lifecycle.check('closed', 'inProgress', closedReferral({ reason: 'died' }))).toEqual({
				ok: false,
				reason: 'A referral closed because the person died cannot be reopened'
			});
		});

		it.each([[['noAnswer', 'noAnswer', 'noAnswer']], [['declined']]] as const)(
			'is refused when the person was never reached (%j): a new referral starts afresh',
			(outcomes) => {
				const closed = contactingReferral([...outcomes], {
					status: 'closed',
					closure: { reason: 'declined', closedOn: '2026-09-20' }
				});
				expect(lifecycle.check('closed', 'inProgress', closed)).toEqual({
					ok: false,
					reason: 'The person was never reached: make a new referral instead'
				});
			}
		);
	});
});

describe('moveReferral', () => {
	it('closes with the closing reason kept', () => {
		const result = moveReferral(ready('inProgress'), 'closed');
		expect(result).toEqual({ ok: true, referral: { ...ready('inProgress'), status: 'closed' } });
	});

	it('reopens without the old closure', () => {
		const result = moveReferral(closedReferral(), 'inProgress');
		expect(result.ok && result.referral.status).toBe('inProgress');
		expect(result.ok && result.referral.closure).toBeUndefined();
	});

	it('moves forward through the lifecycle', () => {
		expect(moveReferral(triagedReferral(), 'contacting')).toEqual({
			ok: true,
			referral: { ...triagedReferral(), status: 'contacting' }
		});
	});

	it('passes on a refusal', () => {
		expect(moveReferral(exampleReferral(), 'closed')).toEqual({ ok: false, reason: 'Close needs a reason' });
	});

	it('will not produce an invalid referral', () => {
		const referral = triagedReferral({ source: 'other' });
		expect(moveReferral(referral, 'contacting')).toEqual({
			ok: false,
			reason: 'Say where the referral came from'
		});
	});
});
