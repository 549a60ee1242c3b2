import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newRecordId, recordIdTime, RecordIds, type RecordIdSource } from './record-ids';

const T0 = Date.parse('2026-11-24T06:00:00.000Z');
const uuid = z.uuid();

/** A source whose clock reads `times` in turn (the last one from then on). */
function source(times: readonly number[], seed = 1): RecordIdSource {
	let i = 0;
	let state = seed;
	return {
		now: () => times[Math.min(i++, times.length - 1)] ?? T0,
		random: (bytes) => {
			for (let j = 0; j < bytes.length; j++) {
				state = (state * 1103515245 + 12345) >>> 0;
				bytes[j] = state >>> 24;
			}
			return bytes;
		}
	};
}

describe('record ids', () => {
	it('are version-7 UUIDs the record schemas accept, carrying the time they were made', () => {
		const id = new RecordIds(source([T0])).next();
		expect(uuid.safeParse(id).success).toBe(true);
		expect(id[14]).toBe('7');
		expect('89ab').toContain(id[19]);
		expect(recordIdTime(id)).toBe(T0);
		expect(uuid.safeParse(newRecordId()).success).toBe(true);
	});

	it('sort in the order they were made, whatever the clock does', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: T0 - 3 * 86_400_000, max: T0 + 3 * 86_400_000 }), {
					minLength: 2,
					maxLength: 200
				}),
				fc.integer(),
				(times, seed) => {
					const ids = new RecordIds(source(times, seed));
					const made = times.map(() => ids.next());
					expect([...made].sort()).toEqual(made);
					expect(new Set(made).size).toBe(made.length);
					// A clock that stepped back does not take the ids back with it.
					made.forEach((id, i) =>
						expect(recordIdTime(id)).toBeGreaterThanOrEqual(Math.max(...times.slice(0, i + 1)))
					);
				}
			)
		);
	});

	it('count within one millisecond, and borrow the next when the counter is used up', () => {
		const ids = new RecordIds(source([T0]));
		const made = Array.from({ length: 10_000 }, () => ids.next());
		expect(new Set(made).size).toBe(made.length);
		expect([...made].sort()).toEqual(made);
		expect(recordIdTime(made[0] as string)).toBe(T0);
		// The counter starts in its lower half, so at least 2,048 fit before the first borrowing.
		expect(recordIdTime(made[2047] as string)).toBe(T0);
		expect(recordIdTime(made.at(-1) as string)).toBeGreaterThan(T0);
	});

	it('tell no time for an id of another version', () => {
		expect(recordIdTime('9b2f4c1e-8a3d-4f6b-9c7e-1d2a3b4c5d6e')).toBeUndefined();
		expect(recordIdTime('not an id')).toBeUndefined();
	});
});
