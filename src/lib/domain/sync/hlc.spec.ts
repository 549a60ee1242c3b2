import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	HybridClock,
	MAX_CLOCK_AHEAD_MS,
	clampHlc,
	compareHlc,
	decodeHlc,
	encodeHlc,
	hlcSchema,
	nodeOf
} from './hlc';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const nodeArb = fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/);
const stampArb = fc.record({
	ms: fc.integer({ min: 0, max: 10 ** 15 - 1 }),
	counter: fc.integer({ min: 0, max: 36 ** 4 - 1 }),
	node: nodeArb
});

/** A wall clock the test moves by hand. */
function manualClock(start = T0) {
	let now = start;
	return { now: () => now, set: (ms: number) => (now = ms), advance: (ms: number) => (now += ms) };
}

describe('clock stamps', () => {
	it('encode with fixed widths and decode back', () => {
		const stamp = encodeHlc({ ms: T0, counter: 37, node: 'device-1' });
		expect(stamp).toBe('001795428000000-0011-device-1');
		expect(decodeHlc(stamp)).toEqual({ ms: T0, counter: 37, node: 'device-1' });
		expect(nodeOf(stamp)).toBe('device-1');
		expect(hlcSchema.safeParse(stamp).success).toBe(true);
	});

	it('refuse anything that is not a stamp, with the stamp in the message', () => {
		for (const bad of [
			'',
			'yesterday',
			'1795428000000-0000-x',
			'001795428000000-0000-',
			'001795428000000-00-x'
		]) {
			expect(() => decodeHlc(bad)).toThrow(/Not a clock stamp/);
			expect(hlcSchema.safeParse(bad).success).toBe(false);
		}
	});

	it('round-trip and compare as strings exactly as they compare as clocks (property)', () => {
		fc.assert(
			fc.property(stampArb, stampArb, (a, b) => {
				const [ea, eb] = [encodeHlc(a), encodeHlc(b)];
				expect(decodeHlc(ea)).toEqual(a);
				const byClock =
					a.ms !== b.ms
						? Math.sign(a.ms - b.ms)
						: a.counter !== b.counter
							? Math.sign(a.counter - b.counter)
							: compareHlc(a.node, b.node);
				expect(compareHlc(ea, eb)).toBe(byClock);
			})
		);
	});
});

describe('clamping far-future stamps', () => {
	it('leaves a stamp within a minute of the server alone', () => {
		const stamp = encodeHlc({ ms: T0 + MAX_CLOCK_AHEAD_MS, counter: 3, node: 'a' });
		expect(clampHlc(stamp, T0)).toBe(stamp);
	});

	it('brings a stamp days ahead down to the server time, keeping counter and node', () => {
		const stamp = encodeHlc({ ms: T0 + 3 * DAY, counter: 3, node: 'a' });
		expect(clampHlc(stamp, T0)).toBe(encodeHlc({ ms: T0, counter: 3, node: 'a' }));
	});

	it('never moves a stamp forward and never leaves one beyond the allowance (property)', () => {
		fc.assert(
			fc.property(stampArb, fc.integer({ min: 0, max: 10 ** 14 }), (stamp, serverMs) => {
				const clamped = decodeHlc(clampHlc(encodeHlc(stamp), serverMs));
				expect(clamped.ms).toBeLessThanOrEqual(stamp.ms);
				expect(clamped.ms).toBeLessThanOrEqual(Math.max(serverMs + MAX_CLOCK_AHEAD_MS, 0));
				expect(clamped.node).toBe(stamp.node);
			})
		);
	});
});

describe('HybridClock', () => {
	it('refuses a node id that cannot be encoded', () => {
		expect(() => new HybridClock('not valid!')).toThrow(/Not a valid clock node id/);
	});

	it('stamps local events in order even when the wall clock stands still or goes back', () => {
		const wall = manualClock();
		const clock = new HybridClock('a', wall.now);
		const first = clock.tick();
		const second = clock.tick();
		wall.advance(-DAY);
		const third = clock.tick();
		expect(compareHlc(first, second)).toBeLessThan(0);
		expect(compareHlc(second, third)).toBeLessThan(0);
		expect(decodeHlc(third).ms).toBe(T0);
	});

	it('resumes after the last stamp it persisted', () => {
		const wall = manualClock();
		const before = new HybridClock('a', wall.now);
		before.tick();
		const saved = before.tick();
		wall.advance(-1000);
		const after = new HybridClock('a', wall.now, saved);
		expect(compareHlc(after.tick(), saved)).toBeGreaterThan(0);
	});

	it('a device whose clock is three days slow stamps after what it has seen', () => {
		const slow = manualClock(T0 - 3 * DAY);
		const clock = new HybridClock('slow', slow.now);
		const seen = encodeHlc({ ms: T0, counter: 5, node: 'server' });
		clock.receive(seen);
		const next = clock.tick();
		expect(compareHlc(next, seen)).toBeGreaterThan(0);
		expect(decodeHlc(next).ms).toBe(T0);
	});

	it('moves to the wall clock when it is ahead of everything seen', () => {
		const wall = manualClock();
		const clock = new HybridClock('a', wall.now);
		clock.receive(encodeHlc({ ms: T0 - 5000, counter: 9, node: 'b' }));
		expect(decodeHlc(clock.tick()).ms).toBe(T0);
	});

	it('borrows the next millisecond when the counter is full rather than overflow', () => {
		const wall = manualClock();
		const clock = new HybridClock('a', wall.now, encodeHlc({ ms: T0, counter: 36 ** 4 - 1, node: 'a' }));
		expect(clock.tick()).toBe(encodeHlc({ ms: T0 + 1, counter: 0, node: 'a' }));
	});

	it('every stamp is later than every stamp made or received before it (property)', () => {
		const event = fc.oneof(
			fc.record({ kind: fc.constant('tick' as const), drift: fc.integer({ min: -3 * DAY, max: 3 * DAY }) }),
			fc.record({ kind: fc.constant('receive' as const), stamp: stampArb })
		);
		fc.assert(
			fc.property(fc.array(event, { maxLength: 60 }), (events) => {
				const wall = manualClock();
				const clock = new HybridClock('me', wall.now);
				let highest = '';
				for (const e of events) {
					if (e.kind === 'receive') {
						const stamp = encodeHlc({ ...e.stamp, ms: Math.min(e.stamp.ms, T0 + 10 * DAY) });
						clock.receive(stamp);
						if (compareHlc(stamp, highest) > 0) highest = stamp;
					} else {
						wall.set(T0 + e.drift);
						const stamp = clock.tick();
						// Compare clock positions: the node part is this device's, so ties cannot happen.
						const position = (s: string) => s.slice(0, 20);
						expect(position(stamp) > position(highest) || highest === '').toBe(true);
						highest = stamp;
					}
				}
			})
		);
	});
});
