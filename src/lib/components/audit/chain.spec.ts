import { describe, expect, it } from 'vitest';
import { chainVerdict } from './chain';

describe('the chain check in words', () => {
	it('says an intact log is intact, and how many entries were checked', () => {
		const signed = { checkpoints: 3, lastCheckpoint: { seq: 1200, at: '2026-11-24T09:00:00.000Z' } };
		expect(chainVerdict({ ok: true, entries: 1234, ...signed })).toEqual({
			intact: true,
			title: 'The audit log is intact',
			detail:
				'All 1234 entries check out: none has been changed, removed or reordered since it was written. The server last signed the log at 24 Nov 2026, 09:00:00 GMT, up to entry 1200; 3 signatures in all check out.'
		});
		const unsigned = { checkpoints: 0, lastCheckpoint: null };
		expect(chainVerdict({ ok: true, entries: 5, ...unsigned }).detail).toBe(
			'All 5 entries check out: none has been changed, removed or reordered since it was written. The server has not signed the log yet: it does so when it starts and every hour.'
		);
		expect(chainVerdict({ ok: true, entries: 0, ...unsigned }).detail).toBe('It has no entries yet.');
	});

	it('names the first bad entry, when it says it was written, and what went wrong', () => {
		const verdict = chainVerdict({
			ok: false,
			entries: 56,
			seq: 57,
			at: '2026-07-01T09:30:00.000Z',
			problem: 'entry 57 does not match its hash: it was altered after it was written'
		});
		expect(verdict.intact).toBe(false);
		expect(verdict.title).toBe('The audit log has been tampered with at entry 57');
		expect(verdict.detail).toBe(
			'Entry 57 (written 1 Jul 2026, 10:30:00 BST): entry 57 does not match its hash: it was altered after it was written. The 56 entries before it check out. Tell your information governance lead.'
		);
		const missing = chainVerdict({ ok: false, entries: 0, seq: 1, at: null, problem: 'entry 1 is missing' });
		expect(missing.detail).toBe(
			'Entry 1: entry 1 is missing. No entry before it could be checked. Tell your information governance lead.'
		);
	});
});
