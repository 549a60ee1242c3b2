import { describe, expect, it } from 'vitest';
import { generateDemo } from '$lib/demo/generate';
import { locationOf } from './location';
import type { RecordEnvelope } from './records';
import { label, summarise } from './summary';

const base = {
	id: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
	areaId: 'eden',
	createdAt: '2026-11-01T00:00:00.000Z',
	updatedAt: '2026-11-01T00:00:00.000Z'
} as const;

describe('summarise', () => {
	it('gives every demo record a title', () => {
		for (const record of generateDemo({ size: 200 }).records) {
			expect(summarise(record).title, record.type).not.toBe('');
		}
	});

	it('still renders a record with missing or odd fields', () => {
		const odd: RecordEnvelope[] = [
			{ ...base, type: 'asset', data: {} },
			{ ...base, type: 'visit', data: { address: 'not an object' } },
			{ ...base, type: 'referral', data: { person: null } },
			{ ...base, type: 'floodGroup', data: { zones: 'A' } }
		];
		for (const record of odd) expect(() => summarise(record)).not.toThrow();
		expect(summarise(odd[1] as RecordEnvelope).title).toBe('Visit');
	});

	it('shows codes as words', () => {
		expect(label('temporarilyClosed')).toBe('Temporarily closed');
		expect(label('noAccess')).toBe('No access');
		expect(label(undefined)).toBe('');
	});
});

describe('locationOf', () => {
	it('reads a valid position and ignores an invalid one', () => {
		expect(locationOf({ ...base, type: 'asset', data: { location: { lat: 54.6, lon: -3.13 } } })).toEqual({
			lat: 54.6,
			lon: -3.13
		});
		for (const location of [undefined, { lat: 'x', lon: 1 }, { lat: 95, lon: 0 }, { lat: NaN, lon: 0 }]) {
			expect(locationOf({ ...base, type: 'asset', data: { location } })).toBeNull();
		}
	});
});
