import { describe, expect, it } from 'vitest';
import { VISIT_STATUS_LABELS, VISIT_STATUSES, type VisitStatus } from './codes';
import { exampleConsent, exampleVisit } from './fixtures';
import { visitLifecycle } from './lifecycle';
import { VISIT_MESSAGES as M } from './messages';
import { visitSchema, type Visit } from './schema';

/** The whole table: every move not listed here must be refused. */
const ALLOWED: Record<VisitStatus, VisitStatus[]> = {
	requested: ['scheduled', 'declined'],
	scheduled: ['inProgress', 'noAccess', 'declined', 'requested'],
	inProgress: ['completed', 'declined', 'scheduled'],
	completed: ['closed'],
	closed: [],
	noAccess: ['scheduled', 'requested', 'declined'],
	declined: []
};

const request: Visit = {
	status: 'requested',
	address: { line1: '7 Beacon View', town: 'Penrith', postcode: 'CA11 7AA' },
	source: 'family',
	occupants: [{ name: 'Eileen Routledge', ageBand: '75-84', livesAlone: true }],
	adviceGiven: [],
	onwardReferrals: []
};
const APPOINTMENT = '2026-03-10T10:30:00Z';

/** The visit as the form leaves it after the move `from` → `to`, with everything the move needs. */
function after(from: VisitStatus, to: VisitStatus): Visit {
	switch (to) {
		case 'requested':
			return { ...request, outcome: from === 'noAccess' ? 'noAccess' : undefined };
		case 'scheduled':
			if (from === 'inProgress') return exampleVisit({ status: to, outcome: 'rebook' });
			return { ...request, status: to, scheduledFor: APPOINTMENT };
		case 'inProgress':
			return exampleVisit({ status: to, outcome: undefined });
		case 'completed':
		case 'closed':
			return exampleVisit({ status: to });
		case 'noAccess':
			return { ...request, status: to, scheduledFor: APPOINTMENT, outcome: 'noAccess' };
		case 'declined':
			return { ...request, status: to, outcome: 'refused' };
	}
}

const lower = (s: VisitStatus) => VISIT_STATUS_LABELS[s].toLowerCase();
const pairs = VISIT_STATUSES.flatMap((from) => VISIT_STATUSES.map((to) => [from, to] as const));

describe('visitLifecycle: every (from, to) pair', () => {
	it('knows all seven statuses by their labels', () => {
		expect(visitLifecycle.states).toEqual([...VISIT_STATUSES]);
		expect(visitLifecycle.labels).toEqual(VISIT_STATUS_LABELS);
	});

	it.each(VISIT_STATUSES)('lists where a %s visit may go next', (from) => {
		expect(visitLifecycle.next(from).sort()).toEqual([...ALLOWED[from]].sort());
	});

	it.each(pairs)('%s → %s', (from, to) => {
		const verdict = visitLifecycle.check(from, to, after(from, to));
		if (from === to) {
			expect(verdict).toEqual({ ok: false, reason: `It is already ${lower(to)}` });
		} else if (ALLOWED[from].includes(to)) {
			expect(verdict).toEqual({ ok: true });
			// What a guard lets through, the schema accepts: the two never disagree.
			expect(visitSchema.safeParse(after(from, to)).error?.issues ?? []).toEqual([]);
		} else {
			expect(verdict).toEqual({
				ok: false,
				reason: `A record that is ${lower(from)} cannot be moved to ${lower(to)}`
			});
		}
	});

	it('treats closed and declined as final', () => {
		expect(visitLifecycle.next('closed')).toEqual([]);
		expect(visitLifecycle.next('declined')).toEqual([]);
	});
});

describe('visitLifecycle: guards', () => {
	// [from, to, the visit after the move, the refusal]
	const REFUSED: [VisitStatus, VisitStatus, Visit, string][] = [
		['requested', 'scheduled', { ...request, status: 'scheduled' }, M.scheduleNeedsTime],
		['noAccess', 'scheduled', { ...request, status: 'scheduled', outcome: 'noAccess' }, M.scheduleNeedsTime],
		['scheduled', 'inProgress', exampleVisit({ status: 'inProgress', consent: undefined }), M.consentToVisit],
		[
			'scheduled',
			'inProgress',
			exampleVisit({ status: 'inProgress', consent: exampleConsent({ toVisit: false }) }),
			M.consentToVisit
		],
		['inProgress', 'completed', exampleVisit({ outcome: undefined }), M.finishNeedsOutcome],
		['inProgress', 'completed', exampleVisit({ outcome: 'refused' }), M.finishNeedsOutcome],
		['inProgress', 'completed', exampleVisit({ outcome: 'noAccess' }), M.finishNeedsOutcome],
		['inProgress', 'completed', exampleVisit({ outcome: 'rebook' }), M.finishNeedsOutcome],
		[
			'inProgress',
			'scheduled',
			exampleVisit({ status: 'scheduled', outcome: undefined }),
			M.rebookNeedsOutcome
		],
		[
			'inProgress',
			'scheduled',
			exampleVisit({ status: 'scheduled', outcome: 'rebook', scheduledFor: undefined }),
			M.scheduleNeedsTime
		]
	];

	it.each(REFUSED)('refuses %s → %s: %#', (from, to, visit, reason) => {
		expect(visitLifecycle.check(from, to, visit)).toEqual({ ok: false, reason });
	});

	it('finishes a visit completed or partly completed', () => {
		expect(visitLifecycle.check('inProgress', 'completed', exampleVisit({ outcome: 'completed' }))).toEqual({
			ok: true
		});
		expect(visitLifecycle.check('inProgress', 'completed', exampleVisit({ outcome: 'partial' }))).toEqual({
			ok: true
		});
	});

	it('lets the exits and the unguarded moves through whatever the form holds', () => {
		for (const [from, to] of [
			['requested', 'declined'],
			['scheduled', 'noAccess'],
			['scheduled', 'declined'],
			['scheduled', 'requested'],
			['inProgress', 'declined'],
			['noAccess', 'requested'],
			['noAccess', 'declined'],
			['completed', 'closed']
		] as const) {
			expect(visitLifecycle.check(from, to, request), `${from} → ${to}`).toEqual({ ok: true });
		}
	});
});
