import { describe, expect, it } from 'vitest';
import { locationOf } from './location';

const base = {
	id: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
	type: 'asset',
	areaId: 'eden',
	createdAt: '2026-11-01T00:00:00.000Z',
	updatedAt: '2026-11-01T00:00:00.000Z'
} as const;

describe('locationOf', () => {
	it('reads a valid position and ignores an invalid one', () => {
		expect(locationOf({ ...base, data: { location: { lat: 54.6, lon: -3.13 } } })).toEqual({
			lat: 54.6,
			lon: -3.13
		});
		for (const location of [undefined, { lat: 'x', lon: 1 }, { lat: 95, lon: 0 }, { lat: NaN, lon: 0 }]) {
			expect(locationOf({ ...base, data: { location } })).toBeNull();
		}
	});
});
