import { describe, expect, it } from 'vitest';
import { RemovedElsewhere, UpdatedElsewhere } from '$lib/client/store/updated-elsewhere';
import { announcement, explainProblem, handInVerdict, headerSummary, type SyncState } from './summary';

const now = Date.parse('2026-11-23T12:00:00Z');
const state = (over: Partial<SyncState> = {}): SyncState => ({
	online: true,
	phase: 'idle',
	pending: 0,
	refused: 0,
	openConflicts: 0,
	unreportedViews: 0,
	lastSuccessAt: '2026-11-23T11:55:00Z',
	lastError: null,
	nextAttemptAt: null,
	safeToHandIn: true,
	...over
});

describe('headerSummary', () => {
	it('counts what waits and says when the last sync went well', () => {
		expect(headerSummary(state(), now)).toEqual({
			waiting: 'Safe to hand in',
			synced: 'Synced 5 min ago',
			nudge: null
		});
		const s = headerSummary(state({ pending: 1, safeToHandIn: false }), now);
		expect(s.waiting).toBe('1 change waiting');
		expect(headerSummary(state({ pending: 3 }), now).waiting).toBe('3 changes waiting');
		// Nothing waiting, but a refused change (or no sync yet) means it is not safe to hand in.
		expect(headerSummary(state({ refused: 1, safeToHandIn: false }), now).waiting).toBe('Nothing waiting');
	});

	it('says when it is syncing or has never synced', () => {
		expect(headerSummary(state({ phase: 'syncing' }), now).synced).toBe('Syncing…');
		expect(headerSummary(state({ lastSuccessAt: null }), now).synced).toBe('Not synced yet');
	});

	it('nudges towards the most pressing thing only', () => {
		const all = state({ phase: 'update-needed', refused: 2, openConflicts: 1 });
		expect(headerSummary(all, now).nudge).toEqual({ text: 'Update needed to sync', href: '/sync' });
		expect(headerSummary({ ...all, phase: 'reload-needed' }, now).nudge).toEqual({
			text: 'Reload this tab to sync',
			href: '/sync'
		});
		expect(headerSummary(state({ refused: 2, openConflicts: 1 }), now).nudge).toEqual({
			text: '2 changes to fix',
			href: '/sync'
		});
		expect(headerSummary(state({ openConflicts: 1 }), now).nudge).toEqual({
			text: '1 conflict to review',
			href: '/conflicts'
		});
	});

	it('says a failed attempt will be retried, but not while offline (the dot says so)', () => {
		const retrying = state({ phase: 'retrying', nextAttemptAt: '2026-11-23T12:02:00Z' });
		expect(headerSummary(retrying, now).nudge?.text).toBe('Could not sync, trying again in 2 min');
		expect(headerSummary({ ...retrying, online: false }, now).nudge).toBeNull();
	});
});

describe('announcement', () => {
	it('stays the same while only numbers and times change, so nothing is re-announced', () => {
		const a = announcement(state({ online: false, pending: 1, safeToHandIn: false }));
		const b = announcement(state({ online: false, pending: 5, safeToHandIn: false, lastSuccessAt: null }));
		expect(a).toBe('Offline. Your changes are kept on this device.');
		expect(b).toBe(a);
	});

	it('changes when the situation does', () => {
		expect(announcement(state())).toBe('All changes sent.');
		expect(announcement(state({ pending: 2, safeToHandIn: false }))).toBe('');
		expect(announcement(state({ phase: 'retrying', safeToHandIn: false }))).toBe(
			'Could not sync. Your changes are kept on this device.'
		);
		expect(announcement(state({ phase: 'update-needed', refused: 1, safeToHandIn: false }))).toBe(
			'Fellside needs updating before it can sync. The server refused a change: see Sync.'
		);
		expect(announcement(state({ phase: 'reload-needed', safeToHandIn: false }))).toBe(
			'This tab must be reloaded before it can sync.'
		);
		expect(announcement(state({ openConflicts: 3 }))).toBe(
			'All changes sent. There are conflicts to review.'
		);
	});
});

describe('handInVerdict', () => {
	it('says the device is safe when everything reached the server', () => {
		expect(handInVerdict(state(), now)).toEqual({
			safe: true,
			title: 'This device is safe to hand in',
			lines: ['Every change made on it has reached the Fellside server. It last synced 5 min ago.']
		});
	});

	it('says what is left when it is not', () => {
		const verdict = handInVerdict(state({ pending: 2, refused: 1, safeToHandIn: false, online: false }), now);
		expect(verdict.safe).toBe(false);
		expect(verdict.title).toBe('Do not hand in this device yet');
		expect(verdict.lines).toEqual([
			'2 changes on this device have not reached the server yet.',
			'1 change refused by the server: fix or discard it below.',
			'Connect to the internet so the changes can be sent.'
		]);
	});

	it('says it is syncing rather than asking for a sync already under way', () => {
		const verdict = handInVerdict(state({ lastSuccessAt: null, safeToHandIn: false, phase: 'syncing' }), now);
		expect(verdict.lines.at(-1)).toBe('Syncing now: this page updates when it is done.');
	});

	it('is not safe while records opened on it are not in the audit log yet', () => {
		const verdict = handInVerdict(state({ unreportedViews: 3, safeToHandIn: false }), now);
		expect(verdict.lines).toEqual([
			'3 records opened or exported on this device are not in the audit log yet.',
			'Select “Sync now”, then check this page again.'
		]);
	});

	it('asks for what sync is waiting on, not for a “Sync now” that cannot help', () => {
		const waiting = state({ pending: 1, safeToHandIn: false, online: false });
		expect(handInVerdict({ ...waiting, phase: 'update-needed' }, now).lines.at(-1)).toBe(
			'Update Fellside, then check this page again.'
		);
	});

	it('cannot say a tab is safe once another tab took the store away: its counts may be old', () => {
		expect(handInVerdict(state({ phase: 'reload-needed' }), now)).toEqual({
			safe: false,
			title: 'Do not hand in this device yet',
			lines: [
				'This tab can no longer see what is waiting on the device.',
				'Reload this tab, then check this page again.'
			]
		});
	});

	it('is not safe before the first sync, even with nothing waiting', () => {
		const verdict = handInVerdict(state({ lastSuccessAt: null, safeToHandIn: false }), now);
		expect(verdict.lines).toEqual([
			'This device has not synced with the server yet.',
			'Select “Sync now”, then check this page again.'
		]);
	});
});

describe('explainProblem', () => {
	it('says nothing when sync works', () => {
		expect(explainProblem(state(), now)).toBeNull();
		expect(explainProblem(state({ phase: 'syncing' }), now)).toBeNull();
	});

	it('explains being offline without alarm', () => {
		expect(explainProblem(state({ online: false }), now)).toEqual({
			title: 'This device is offline',
			lines: [
				'Your changes are safe on this device. Keep working: Fellside sends them by itself as soon as there is signal again.'
			]
		});
		expect(explainProblem(state({ phase: 'offline' }), now)?.title).toBe('This device is offline');
	});

	it('gives the reason a sync failed and when it tries again', () => {
		const problem = explainProblem(
			state({
				phase: 'retrying',
				lastError: 'The Fellside server had a problem (error 503).',
				nextAttemptAt: '2026-11-23T12:00:30Z'
			}),
			now
		);
		expect(problem).toEqual({
			title: 'The last sync did not work',
			lines: [
				'The Fellside server had a problem (error 503).',
				'Your changes are safe on this device.',
				'Fellside will try again in 30 seconds, or select “Sync now” to try straight away.'
			]
		});
	});

	it('tells how to update when the server needs a newer Fellside', () => {
		const problem = explainProblem(state({ phase: 'update-needed', lastError: null }), now);
		expect(problem?.title).toBe('Fellside needs updating before it can sync');
		expect(problem?.lines[0]).toBe('The server has changed and needs a newer version of Fellside.');
		expect(problem?.lines[2]).toMatch(/select “Update”/);
	});

	it('asks for a reload, not an update, when another tab took the store away, without promising what it cannot', () => {
		for (const closed of [new UpdatedElsewhere(), new RemovedElsewhere()]) {
			const problem = explainProblem(state({ phase: 'reload-needed', lastError: closed.message }), now);
			expect(problem?.title).toBe('Reload this tab to sync');
			expect(problem?.lines).toEqual([
				closed.message,
				'Use your browser’s reload button, or close this tab and carry on in the other one.'
			]);
		}
	});
});
