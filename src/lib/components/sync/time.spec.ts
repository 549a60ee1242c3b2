import { describe, expect, it } from 'vitest';
import { timeAgo, timeUntil } from './time';

const now = Date.parse('2026-11-23T12:00:00Z');
const before = (ms: number) => new Date(now - ms).toISOString();

describe('timeAgo', () => {
	it('says how long ago, as people say it', () => {
		expect(timeAgo(before(20_000), now)).toBe('just now');
		expect(timeAgo(before(5 * 60_000 + 10_000), now)).toBe('5 min ago');
		expect(timeAgo(before(60 * 60_000), now)).toBe('1 hour ago');
		expect(timeAgo(before(3 * 3_600_000 + 1), now)).toBe('3 hours ago');
		expect(timeAgo(before(2 * 86_400_000), now)).toBe('2 days ago');
	});

	it('gives the date and UK time once it is a week or more', () => {
		expect(timeAgo('2026-11-01T09:30:00Z', now)).toBe('on 1 November 2026 at 09:30');
	});

	it('reads a time in the future (a wrong device clock) as just now', () => {
		expect(timeAgo(before(-3_600_000), now)).toBe('just now');
	});

	it('never shows "NaN" for a time it cannot read', () => {
		expect(timeAgo('not a time', now)).toBe('at an unknown time');
	});
});

describe('timeUntil', () => {
	const after = (ms: number) => new Date(now + ms).toISOString();
	it('says how soon', () => {
		expect(timeUntil(after(2_000), now)).toBe('now');
		expect(timeUntil(after(-60_000), now)).toBe('now');
		expect(timeUntil(after(40_000), now)).toBe('in 40 seconds');
		expect(timeUntil(after(150_000), now)).toBe('in 3 min');
		expect(timeUntil(after(2 * 3_600_000), now)).toBe('in 2 hours');
	});
});
