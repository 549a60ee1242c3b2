import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { Random } from './random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DRAWS = 10_000;
const uuidSchema = z.uuid();

function draws<T>(count: number, draw: () => T): T[] {
	return Array.from({ length: count }, draw);
}

describe('Random', () => {
	it('repeats the same sequence for the same seed', () => {
		const a = new Random('fellside');
		const b = new Random('fellside');
		expect(draws(100, () => a.uint32())).toEqual(draws(100, () => b.uint32()));
	});

	it('gives a different sequence for a different seed, even one character apart', () => {
		const a = new Random('seed-1');
		const b = new Random('seed-2');
		expect(draws(20, () => a.next())).not.toEqual(draws(20, () => b.next()));
	});

	it('next() stays in [0, 1) and spreads over it', () => {
		const rng = new Random('next');
		const values = draws(DRAWS, () => rng.next());
		expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...values)).toBeLessThan(1);
		const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
		expect(mean).toBeGreaterThan(0.48);
		expect(mean).toBeLessThan(0.52);
	});

	it('int(min, max) includes both ends and nothing outside them', () => {
		const rng = new Random('int');
		const values = draws(DRAWS, () => rng.int(-2, 3));
		expect(values.every(Number.isInteger)).toBe(true);
		expect(new Set(values)).toEqual(new Set([-2, -1, 0, 1, 2, 3]));
		expect(rng.int(7, 7)).toBe(7);
	});

	it('int() refuses an empty or fractional range', () => {
		const rng = new Random('int');
		expect(() => rng.int(3, 2)).toThrow(RangeError);
		expect(() => rng.int(0.5, 2)).toThrow(RangeError);
	});

	it('pick() returns every member in time and refuses an empty list', () => {
		const rng = new Random('pick');
		const items = ['Keswick', 'Kendal', 'Penrith'] as const;
		expect(new Set(draws(200, () => rng.pick(items)))).toEqual(new Set(items));
		expect(() => rng.pick([])).toThrow(RangeError);
	});

	it('weighted() follows the weights and never picks a zero weight', () => {
		const rng = new Random('weighted');
		const values = draws(DRAWS, () =>
			rng.weighted([
				['often', 3],
				['never', 0],
				['sometimes', 1]
			])
		);
		expect(values).not.toContain('never');
		const often = values.filter((v) => v === 'often').length / DRAWS;
		expect(often).toBeGreaterThan(0.72);
		expect(often).toBeLessThan(0.78);
		expect(() => rng.weighted([['x', 0]])).toThrow(RangeError);
		expect(() => rng.weighted([])).toThrow(RangeError);
	});

	it('chance(p) is never true at 0, always at 1, and about p between', () => {
		const rng = new Random('chance');
		expect(draws(1000, () => rng.chance(0))).not.toContain(true);
		expect(draws(1000, () => rng.chance(1))).not.toContain(false);
		const share = draws(DRAWS, () => rng.chance(0.3)).filter(Boolean).length / DRAWS;
		expect(share).toBeGreaterThan(0.27);
		expect(share).toBeLessThan(0.33);
	});

	it('uuid() gives distinct RFC 4122 version-4 ids that Zod accepts', () => {
		const rng = new Random('uuid');
		const ids = draws(DRAWS, () => rng.uuid());
		expect(ids.filter((id) => !UUID_V4.test(id) || !uuidSchema.safeParse(id).success)).toEqual([]);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Random('uuid').uuid()).toBe(ids[0]);
	});

	it('dateBetween() stays in [from, to) and accepts strings, Dates and milliseconds', () => {
		const rng = new Random('dates');
		const from = '2025-01-01T00:00:00.000Z';
		const to = new Date('2025-02-01T00:00:00.000Z');
		for (const date of draws(1000, () => rng.dateBetween(from, to))) {
			expect(date.getTime()).toBeGreaterThanOrEqual(Date.parse(from));
			expect(date.getTime()).toBeLessThan(to.getTime());
		}
		expect(rng.dateBetween(5, 5).getTime()).toBe(5);
		expect(() => rng.dateBetween(to, from)).toThrow(RangeError);
		expect(() => rng.dateBetween('not a date', to)).toThrow(RangeError);
	});

	it('sample() gives distinct items without touching the input; shuffle() permutes', () => {
		const rng = new Random('sample');
		const items = [1, 2, 3, 4, 5, 6];
		const sample = rng.sample(items, 3);
		expect(sample).toHaveLength(3);
		expect(new Set(sample).size).toBe(3);
		expect(sample.every((x) => items.includes(x))).toBe(true);
		expect(rng.sample(items, 10)).toHaveLength(items.length);
		expect(items).toEqual([1, 2, 3, 4, 5, 6]);
		expect(rng.shuffle(items.slice()).sort()).toEqual(items);
	});
});
