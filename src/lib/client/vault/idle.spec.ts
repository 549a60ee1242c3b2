import { describe, expect, it } from 'vitest';
import { IdleLock, type Timer } from './idle';

const MINUTE = 60_000;

/**
 * A wall clock and timers that run only when time is advanced. `sleep` moves the clock without
 * running timers, as a suspended tab or device does; they run, late, at the next `advance`.
 */
function fakeTime() {
	let now = Date.UTC(2026, 10, 23, 9, 0);
	let nextId = 1;
	const timers = new Map<number, { at: number; run: () => void }>();
	const timer: Timer = {
		setTimeout(run, ms) {
			timers.set(nextId, { at: now + ms, run });
			return nextId++;
		},
		clearTimeout(handle) {
			timers.delete(handle as number);
		}
	};
	function advance(ms: number) {
		const end = now + ms;
		for (;;) {
			const due = [...timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
			if (!due) break;
			timers.delete(due[0]);
			now = Math.max(now, due[1].at);
			due[1].run();
		}
		now = end;
	}
	return { now: () => now, timer, advance, sleep: (ms: number) => (now += ms), timers };
}

function idleLock(minutes?: number) {
	const time = fakeTime();
	const locks: number[] = [];
	const lock = new IdleLock({
		minutes,
		now: time.now,
		timer: time.timer,
		onLock: () => locks.push(time.now())
	});
	const start = time.now();
	/** Minutes after the start at which it locked. */
	const lockedAt = () => locks.map((at) => (at - start) / MINUTE);
	return { lock, time, lockedAt };
}

describe('the idle lock', () => {
	it('locks once, 10 minutes after the last activity by default', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.advance(10 * MINUTE - 1);
		expect(lockedAt()).toEqual([]);
		time.advance(1);
		expect(lockedAt()).toEqual([10]);
		expect(lock.counting).toBe(false);
		time.advance(60 * MINUTE);
		lock.touch();
		expect(lockedAt()).toEqual([10]);
		expect(time.timers.size).toBe(0);
	});

	it('is postponed by activity', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.advance(6 * MINUTE);
		lock.touch();
		time.advance(9 * MINUTE);
		lock.touch();
		time.advance(10 * MINUTE - 1);
		expect(lockedAt()).toEqual([]);
		time.advance(1);
		expect(lockedAt()).toEqual([25]);
	});

	it('locks on waking from a sleep past the deadline, and the first tap does not keep it open', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.advance(2 * MINUTE);
		time.sleep(30 * MINUTE);
		lock.touch();
		expect(lockedAt()).toEqual([32]);
		expect(time.timers.size).toBe(0);
	});

	it('locks on wake, or when the late timer finally runs', () => {
		const woken = idleLock();
		woken.lock.start();
		woken.time.sleep(11 * MINUTE);
		woken.lock.wake();
		expect(woken.lockedAt()).toEqual([11]);

		const late = idleLock();
		late.lock.start();
		late.time.sleep(45 * MINUTE);
		expect(late.lockedAt()).toEqual([]);
		late.time.advance(0);
		expect(late.lockedAt()).toEqual([45]);
	});

	it('does not lock on a wake before the deadline, and keeps the time already idle', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.sleep(7 * MINUTE);
		lock.wake();
		expect(lockedAt()).toEqual([]);
		time.advance(3 * MINUTE);
		expect(lockedAt()).toEqual([10]);
	});

	it('does not count while paused, and counts a full period again from resume', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.advance(8 * MINUTE);
		lock.pause();
		time.advance(60 * MINUTE);
		lock.wake();
		expect(lockedAt()).toEqual([]);
		lock.resume();
		time.advance(10 * MINUTE - 1);
		expect(lockedAt()).toEqual([]);
		time.advance(1);
		expect(lockedAt()).toEqual([78]);
	});

	it('will not pause once the time has run out while asleep', () => {
		const { lock, time, lockedAt } = idleLock();
		lock.start();
		time.sleep(12 * MINUTE);
		lock.pause();
		expect(lockedAt()).toEqual([12]);
	});

	it('stops without locking, and starts again after the next unlock', () => {
		const { lock, time, lockedAt } = idleLock(1);
		lock.start();
		lock.stop();
		time.advance(5 * MINUTE);
		expect(lockedAt()).toEqual([]);
		lock.start();
		time.advance(1 * MINUTE);
		expect(lockedAt()).toEqual([6]);
	});

	it('refuses a period outside 1 to 60 whole minutes', () => {
		expect(() => idleLock(0)).toThrow('The idle lock must be at least 1 minute');
		expect(() => idleLock(61)).toThrow('The idle lock must be 60 minutes or fewer');
		expect(() => idleLock(2.5)).toThrow('The idle lock must be a whole number of minutes');
	});
});
