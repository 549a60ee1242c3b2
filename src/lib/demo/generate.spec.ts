import { describe, it, expect } from 'vitest';
import { AREAS, type AreaId } from '../domain/areas';
import { MAIN_RECORD_TYPES, RECORD_TYPES, staffRoleSchema } from '../domain/records';
import { DEMO_PASSWORD, demoStaff, generateDemo } from './generate';
import { PLACES, placeNamed, placesIn } from './places';
import { countBy } from './testing';

const CUMBRIA = { south: 54.0, north: 55.2, west: -3.7, east: -2.1 };
const FLOOD_PARTS = ['floodGroup', 'floodContact', 'floodHousehold', 'floodActivation'];

const standard = generateDemo();

describe('generateDemo: determinism and size', () => {
	it('gives byte-identical output for the same options', () => {
		const options = { seed: 'keswick', size: 300, now: '2026-06-01T12:00:00.000Z' };
		expect(JSON.stringify(generateDemo(options))).toBe(JSON.stringify(generateDemo(options)));
		expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(standard));
	});

	it('gives different output for a different seed', () => {
		expect(JSON.stringify(generateDemo({ seed: 'kendal' }))).not.toBe(JSON.stringify(standard));
	});

	// A flood group's contacts, households and activations count towards the size too.
	it.each([0, 1, 2, 3, 4, 5, 13, 19, 50, 120, 400, 1234])('makes exactly %i records', (size) => {
		expect(generateDemo({ size }).records).toHaveLength(size);
	});

	it('refuses a size that is not a whole number, or a `now` without a time zone', () => {
		expect(() => generateDemo({ size: -1 })).toThrow(RangeError);
		expect(() => generateDemo({ size: 2.5 })).toThrow(RangeError);
		expect(() => generateDemo({ now: '2026-11-01T09:00:00' })).toThrow();
	});

	it('has at least one of each of the four main types from size 4', () => {
		for (const size of [4, 5, 13, 50]) {
			const types = new Set(generateDemo({ size }).records.map((r) => r.type));
			for (const type of MAIN_RECORD_TYPES) expect(types, `size ${size}`).toContain(type);
		}
	});

	it('has every type at size 400, in about the intended mix', () => {
		const shares = countBy(standard.records, (r) => (FLOOD_PARTS.includes(r.type) ? 'flood' : r.type));
		expect([...new Set(standard.records.map((r) => r.type))].sort()).toEqual([...RECORD_TYPES].sort());
		const expected = { asset: 0.35, visit: 0.22, referral: 0.22, flood: 0.21 };
		for (const [type, share] of Object.entries(expected)) {
			expect(Math.abs((shares.get(type) ?? 0) / 400 - share), type).toBeLessThan(0.02);
		}
	});

	it('gives each flood group about 8–15 contacts and 3–8 households, trimming only the last', () => {
		const groups = standard.records.filter((r) => r.type === 'floodGroup');
		const parts = (type: string) =>
			countBy(
				standard.records.filter((r) => r.type === type),
				(r) => String(r.data.groupId)
			);
		const contacts = parts('floodContact');
		const households = parts('floodHousehold');
		for (const group of groups.slice(0, -1)) {
			expect(contacts.get(group.id)).toBeGreaterThanOrEqual(8);
			expect(contacts.get(group.id)).toBeLessThanOrEqual(15);
			expect(households.get(group.id)).toBeGreaterThanOrEqual(3);
			expect(households.get(group.id)).toBeLessThanOrEqual(8);
		}
	});

	it('spreads records over all six areas, roughly by population', () => {
		const byArea = countBy(standard.records, (r) => r.areaId);
		expect([...byArea.keys()].sort()).toEqual(AREAS.map((a) => a.id).sort());
		const share = (id: AreaId) => byArea.get(id) ?? 0;
		expect(share('carlisle')).toBeGreaterThan(share('eden'));
		expect(share('south-lakeland')).toBeGreaterThan(share('copeland'));
	});
});

describe('demo staff', () => {
	const staff = demoStaff();

	it('is the same cast whatever the size', () => {
		expect(generateDemo({ size: 0 }).staff).toEqual(staff);
		expect(generateDemo({ size: 50 }).staff).toEqual(staff);
		expect(standard.staff).toEqual(staff);
	});

	it('has unique ids and usernames, and the shared demo password', () => {
		expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
		expect(new Set(staff.map((s) => s.username)).size).toBe(staff.length);
		for (const member of staff) expect(member.password).toBe(DEMO_PASSWORD);
	});

	it('covers every role, and every area has a coach, a fire officer and a manager or area team', () => {
		expect(new Set(staff.map((s) => s.role))).toEqual(new Set(staffRoleSchema.options));
		const covers = (id: AreaId, ...roles: string[]) =>
			staff.some((s) => roles.includes(s.role) && s.areaIds.includes(id));
		for (const { id } of AREAS) {
			expect(covers(id, 'coach')).toBe(true);
			expect(covers(id, 'fireOfficer')).toBe(true);
			expect(covers(id, 'areaTeam', 'manager')).toBe(true);
		}
		expect(staff.find((s) => s.role === 'admin')?.areaIds).toHaveLength(AREAS.length);
	});
});

describe('places', () => {
	it('gives every area at least three places, inside Cumbria', () => {
		for (const { id } of AREAS) expect(placesIn(id).length).toBeGreaterThanOrEqual(3);
		for (const place of PLACES) {
			expect(place.lat).toBeGreaterThan(CUMBRIA.south);
			expect(place.lat).toBeLessThan(CUMBRIA.north);
			expect(place.lon).toBeGreaterThan(CUMBRIA.west);
			expect(place.lon).toBeLessThan(CUMBRIA.east);
			for (const district of place.districts) expect(district).toMatch(/^(CA|LA)\d{1,2}$/);
		}
		expect(new Set(PLACES.map((p) => p.name)).size).toBe(PLACES.length);
	});

	it.each([
		['Keswick', 'allerdale', 'CA12'],
		['Cockermouth', 'allerdale', 'CA13'],
		['Workington', 'allerdale', 'CA14'],
		['Maryport', 'allerdale', 'CA15'],
		['Wigton', 'allerdale', 'CA7'],
		['Aspatria', 'allerdale', 'CA7'],
		['Whitehaven', 'copeland', 'CA28'],
		['Egremont', 'copeland', 'CA22'],
		['Millom', 'copeland', 'LA18'],
		['Cleator Moor', 'copeland', 'CA25'],
		['Penrith', 'eden', 'CA11'],
		['Appleby-in-Westmorland', 'eden', 'CA16'],
		['Alston', 'eden', 'CA9'],
		['Kirkby Stephen', 'eden', 'CA17'],
		['Glenridding', 'eden', 'CA11'],
		['Kendal', 'south-lakeland', 'LA9'],
		['Windermere', 'south-lakeland', 'LA23'],
		['Ambleside', 'south-lakeland', 'LA22'],
		['Ulverston', 'south-lakeland', 'LA12'],
		['Grange-over-Sands', 'south-lakeland', 'LA11'],
		['Sedbergh', 'south-lakeland', 'LA10'],
		['Barrow-in-Furness', 'barrow', 'LA14'],
		['Dalton-in-Furness', 'barrow', 'LA15'],
		['Askam-in-Furness', 'barrow', 'LA16'],
		['Carlisle', 'carlisle', 'CA1'],
		['Brampton', 'carlisle', 'CA8'],
		['Longtown', 'carlisle', 'CA6']
	] as const)('puts %s in %s (%s)', (name, areaId, district) => {
		const place = placeNamed(name);
		expect(place?.areaId).toBe(areaId);
		expect(place?.districts).toContain(district);
	});
});
