import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../common';
import {
	CONTACT_STATUSES,
	contactLifecycle,
	floodContactSchema,
	reviewDue,
	reviewDueOn,
	type ContactChange,
	type ContactStatus,
	type FloodContactInput
} from './contact';

const GROUP = '4b6f2c1e-8d3a-4f5b-9c7e-1a2b3c4d5e6f';
const CONSENT = { givenOn: '2025-03-02', method: 'written', recordedBy: 'Gillian Hutchinson' } as const;

function warden(more: Partial<FloodContactInput> = {}): FloodContactInput {
	return {
		groupId: GROUP,
		name: 'Ian Graham',
		role: 'warden',
		zoneId: 'a',
		cascadeOrder: 1,
		phones: ['07700 900105'],
		preferredChannel: 'call',
		status: 'active',
		consent: CONSENT,
		...more
	};
}

function errors(input: unknown) {
	const result = floodContactSchema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
}

describe('flood contact', () => {
	it('accepts a warden and stores phones in E.164', () => {
		expect(floodContactSchema.parse(warden()).phones).toEqual(['+447700900105']);
	});

	it('accepts an invited contact with no consent yet', () => {
		expect(errors(warden({ status: 'invited', consent: undefined }))).toEqual([]);
	});

	it.each([
		['groupId', 'keswick', 'Choose the flood group'],
		['name', ' ', 'Enter their name'],
		['role', 'volunteer', 'Choose a role: coordinator, deputy, warden, resident, refuge or keyholder'],
		['zoneId', 'Zone A', 'A zone id is up to 20 lower-case letters, digits or dashes, like a'],
		['cascadeOrder', undefined, 'Enter their place in the cascade, like 1'],
		['cascadeOrder', 1.5, 'Enter their place in the cascade as a whole number, like 2'],
		['cascadeOrder', 0, 'The cascade starts at 1'],
		['email', 'ian at home', 'Enter an email address in the right format, like name@example.org'],
		['preferredChannel', 'post', 'Choose how they prefer to be reached: call, text or email'],
		['status', 'retired', 'Choose a status: invited, consented, active, review due or withdrawn'],
		['lastReviewedOn', '1 May 2025', 'Enter a date, like 2026-11-23']
	])('refuses %s = %j: %s', (field, value, message) => {
		expect(errors(warden({ [field]: value }))).toEqual([{ path: field, message }]);
	});

	it('refuses a phone number that is not a UK one, with its place in the list', () => {
		expect(errors(warden({ phones: ['07700 900105', '12345'] }))).toEqual([
			{ path: 'phones.1', message: 'Enter a UK phone number, like 01768 772000 or 07700 900123' }
		]);
	});

	it.each(['coordinator', 'deputy', 'refuge', 'keyholder'] as const)('a %s needs no zone', (role) => {
		expect(errors(warden({ role, zoneId: undefined }))).toEqual([]);
	});

	it.each([
		['warden', 'Choose the zone this warden covers'],
		['resident', 'Choose the zone this resident lives in']
	] as const)('a %s needs a zone', (role, message) => {
		expect(errors(warden({ role, zoneId: undefined }))).toEqual([{ path: 'zoneId', message }]);
	});

	describe('ways to reach them', () => {
		it.each(['call', 'text'] as const)('with %s preferred, needs a phone', (preferredChannel) => {
			expect(errors(warden({ preferredChannel, phones: [] }))).toEqual([
				{
					path: 'phones',
					message: 'Enter at least one phone number, or choose email as the way to reach them'
				}
			]);
		});

		it('with email preferred, needs no phone but an email address', () => {
			expect(errors(warden({ preferredChannel: 'email', phones: [], email: 'ian@example.org' }))).toEqual([]);
			expect(errors(warden({ preferredChannel: 'email', phones: [] }))).toEqual([
				{ path: 'email', message: 'Enter their email address, or choose another way to reach them' }
			]);
		});

		it('with text preferred, needs a mobile among their numbers', () => {
			expect(errors(warden({ preferredChannel: 'text', phones: ['017687 72000', '07700 900105'] }))).toEqual(
				[]
			);
			expect(errors(warden({ preferredChannel: 'text', phones: ['017687 72000'] }))).toEqual([
				{ path: 'phones', message: 'Enter a mobile number to send texts to, or choose call' }
			]);
		});

		it('a landline is enough for calls', () => {
			expect(errors(warden({ phones: ['01632 960107'] }))).toEqual([]);
		});
	});

	describe('consent', () => {
		it.each(['consented', 'active', 'reviewDue'] as const)('is required when %s', (status) => {
			expect(errors(warden({ status, consent: undefined }))).toEqual([
				{ path: 'consent', message: 'Record their consent first' }
			]);
		});

		it.each(['invited', 'withdrawn'] as const)('is not required when %s', (status) => {
			expect(errors(warden({ status, consent: undefined }))).toEqual([]);
		});

		it.each([
			['givenOn', '2025-13-01', 'consent.givenOn', 'Enter a real date'],
			[
				'method',
				'telepathy',
				'consent.method',
				'Choose how they gave consent: written, verbal or electronic'
			],
			['recordedBy', '', 'consent.recordedBy', 'Enter who recorded their consent']
		])('refuses consent %s = %j', (field, value, path, message) => {
			expect(errors(warden({ consent: { ...CONSENT, [field]: value } }))).toEqual([{ path, message }]);
		});

		it('refuses a review dated before consent was given', () => {
			expect(errors(warden({ lastReviewedOn: '2025-03-01' }))).toEqual([
				{ path: 'lastReviewedOn', message: 'A review cannot be dated before they gave consent' }
			]);
			expect(errors(warden({ lastReviewedOn: '2025-03-02' }))).toEqual([]);
		});
	});
});

describe('review due', () => {
	const on = (status: ContactStatus, lastReviewedOn?: string) =>
		({ status, consent: CONSENT, ...(lastReviewedOn ? { lastReviewedOn } : {}) }) as const;

	it('falls 12 months after consent when never reviewed', () => {
		expect(reviewDueOn(on('active'))).toBe('2026-03-02');
		expect(reviewDue(on('active'), '2026-03-01')).toBe(false);
		expect(reviewDue(on('active'), '2026-03-02')).toBe(true);
	});

	it('falls 12 months after the last review', () => {
		expect(reviewDueOn(on('active', '2025-10-01'))).toBe('2026-10-01');
		expect(reviewDue(on('active', '2025-10-01'), '2026-03-02')).toBe(false);
		expect(reviewDue(on('active', '2025-10-01'), '2026-10-01')).toBe(true);
	});

	it('goes from 29 February to 28 February', () => {
		expect(reviewDueOn({ consent: { ...CONSENT, givenOn: '2024-02-29' } })).toBe('2025-02-28');
	});

	it('has no date without consent', () => {
		expect(reviewDueOn({})).toBeNull();
	});

	it('is always due for someone marked review due, and never for the invited or withdrawn', () => {
		expect(reviewDue(on('reviewDue', '2026-01-01'), '2026-01-02')).toBe(true);
		expect(reviewDue(on('invited'), '2030-01-01')).toBe(false);
		expect(reviewDue(on('withdrawn'), '2030-01-01')).toBe(false);
		expect(reviewDue(on('consented'), '2030-01-01')).toBe(true);
	});
});

describe('contact lifecycle', () => {
	const TODAY = '2026-01-20';
	const label = (s: ContactStatus) => contactLifecycle.labels[s].toLowerCase();

	/** A change that meets every guard of the move into `to`. */
	function good(to: ContactStatus): ContactChange {
		if (to === 'invited') return { contact: {}, today: TODAY };
		return { contact: { consent: CONSENT, lastReviewedOn: TODAY }, today: TODAY };
	}

	const ALLOWED = new Set([
		'invited→consented',
		'invited→withdrawn',
		'consented→active',
		'consented→withdrawn',
		'active→reviewDue',
		'active→withdrawn',
		'reviewDue→active',
		'reviewDue→withdrawn',
		'withdrawn→invited'
	]);

	const pairs = CONTACT_STATUSES.flatMap((from) => CONTACT_STATUSES.map((to) => [from, to] as const));

	it('covers every pair of statuses', () => {
		expect(pairs).toHaveLength(25);
		expect(contactLifecycle.states).toEqual([...CONTACT_STATUSES]);
	});

	it.each(pairs.filter(([from, to]) => ALLOWED.has(`${from}→${to}`)))('allows %s → %s', (from, to) => {
		expect(contactLifecycle.check(from, to, good(to))).toEqual({ ok: true });
	});

	it.each(pairs.filter(([from, to]) => from === to))('refuses %s → %s: already there', (from, to) => {
		expect(contactLifecycle.check(from, to, good(to))).toEqual({
			ok: false,
			reason: `It is already ${label(to)}`
		});
	});

	it.each(pairs.filter(([from, to]) => from !== to && !ALLOWED.has(`${from}→${to}`)))(
		'refuses %s → %s: not a move',
		(from, to) => {
			expect(contactLifecycle.check(from, to, good(to))).toEqual({
				ok: false,
				reason: `A record that is ${label(from)} cannot be moved to ${label(to)}`
			});
		}
	);

	it('offers the next statuses', () => {
		expect(Object.fromEntries(CONTACT_STATUSES.map((s) => [s, contactLifecycle.next(s)]))).toEqual({
			invited: ['consented', 'withdrawn'],
			consented: ['active', 'withdrawn'],
			active: ['reviewDue', 'withdrawn'],
			reviewDue: ['active', 'withdrawn'],
			withdrawn: ['invited']
		});
	});

	it('lets anyone withdraw, whatever is on file', () => {
		for (const from of ['invited', 'consented', 'active', 'reviewDue'] as const) {
			expect(contactLifecycle.check(from, 'withdrawn', { contact: {}, today: TODAY })).toEqual({ ok: true });
		}
	});

	describe('guards', () => {
		const refusal = (from: ContactStatus, to: ContactStatus, contact: ContactChange['contact']) =>
			contactLifecycle.check(from, to, { contact, today: TODAY });

		it.each([
			['invited', 'consented'],
			['consented', 'active']
		] as const)('%s → %s needs consent on file, not dated in the future', (from, to) => {
			expect(refusal(from, to, {})).toEqual({ ok: false, reason: 'Record their consent first' });
			expect(refusal(from, to, { consent: { ...CONSENT, givenOn: '2026-01-21' } })).toEqual({
				ok: false,
				reason: 'Consent cannot be dated in the future'
			});
			expect(refusal(from, to, { consent: { ...CONSENT, givenOn: TODAY } })).toEqual({ ok: true });
		});

		it('review due → active needs a review in the last 12 months, not in the future', () => {
			expect(refusal('reviewDue', 'active', { consent: CONSENT })).toEqual({
				ok: false,
				reason: 'Record the date of their review first'
			});
			expect(refusal('reviewDue', 'active', { consent: CONSENT, lastReviewedOn: '2026-01-21' })).toEqual({
				ok: false,
				reason: 'A review cannot be dated in the future'
			});
			expect(refusal('reviewDue', 'active', { consent: CONSENT, lastReviewedOn: '2025-01-20' })).toEqual({
				ok: false,
				reason:
					'Their last review, on 20 January 2025, was more than 12 months ago: record the new review first'
			});
			expect(refusal('reviewDue', 'active', { consent: CONSENT, lastReviewedOn: '2025-01-21' })).toEqual({
				ok: true
			});
		});

		it('withdrawn → invited needs their earlier consent cleared', () => {
			expect(refusal('withdrawn', 'invited', { consent: CONSENT })).toEqual({
				ok: false,
				reason: 'Clear their earlier consent first: they need to give it again'
			});
		});

		it('a move that is not allowed is refused before any guard is asked', () => {
			expect(refusal('invited', 'active', {})).toEqual({
				ok: false,
				reason: 'A record that is invited cannot be moved to active'
			});
		});
	});
});
