import { describe, it, expect } from 'vitest';
import { AREAS, type AreaId } from '../domain/areas';
import { RECORD_TYPES, recordEnvelopeSchema, staffRoleSchema, type RecordEnvelope } from '../domain/records';
import {
	DEFAULT_NOW,
	DEMO_PASSWORD,
	demoStaff,
	generateDemo,
	type AssetData,
	type DemoDataset,
	type FloodGroupData,
	type ReferralData,
	type VisitData
} from './generate';
import { DRAMA_PHONE } from './people';
import { PLACES, placeNamed, placesIn, type Place } from './places';

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ISO_DAY = /^\d{4}-\d\d-\d\d$/;
const CUMBRIA = { south: 54.0, north: 55.2, west: -3.7, east: -2.1 };

const large = generateDemo({ size: 50_000 });
const standard = generateDemo();

type Located = { place: Place; postcode?: string; lat?: number; lon?: number };

/** Every place-bound thing in a record: its town's place, postcode and point where it has them. */
function locations(record: RecordEnvelope): Located[] {
	const found = (town: string) => {
		const place = placeNamed(town);
		if (!place) throw new Error(`Unknown town ${town}`);
		return place;
	};
	switch (record.type) {
		case 'asset': {
			const { location } = record.data as AssetData;
			return [{ place: found(location.town), ...location }];
		}
		case 'visit': {
			const { address, location } = record.data as VisitData;
			return [{ place: found(address.town), postcode: address.postcode, ...location }];
		}
		case 'referral': {
			const { address } = (record.data as ReferralData).person;
			return [{ place: found(address.town), postcode: address.postcode }];
		}
		case 'floodGroup':
			return [{ place: found((record.data as FloodGroupData).town) }];
	}
}

function phones(record: RecordEnvelope): string[] {
	switch (record.type) {
		case 'asset':
			return (record.data as AssetData).contacts.flatMap((c) => (c.phone ? [c.phone] : []));
		case 'referral':
			return [(record.data as ReferralData).person.phone];
		case 'floodGroup':
			return (record.data as FloodGroupData).contacts.map((c) => c.phone);
		default:
			return [];
	}
}

/** Great-circle distance in metres (haversine). */
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

function count<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

describe('generateDemo: determinism and size', () => {
	it('gives byte-identical output for the same options', () => {
		const options = { seed: 'keswick', size: 300, now: '2026-06-01T12:00:00.000Z' };
		expect(JSON.stringify(generateDemo(options))).toBe(JSON.stringify(generateDemo(options)));
		expect(JSON.stringify(generateDemo())).toBe(JSON.stringify(standard));
	});

	it('gives different output for a different seed', () => {
		expect(JSON.stringify(generateDemo({ seed: 'kendal' }))).not.toBe(JSON.stringify(standard));
	});

	it.each([0, 1, 4, 50, 400])('makes exactly %i records', (size) => {
		expect(generateDemo({ size }).records).toHaveLength(size);
	});

	// How fast it is belongs to `npm run bench:demo`, not to a test.
	it('makes exactly 50,000 records', () => {
		expect(large.records).toHaveLength(50_000);
	});

	it('refuses a size that is not a whole number, or a `now` without a time zone', () => {
		expect(() => generateDemo({ size: -1 })).toThrow(RangeError);
		expect(() => generateDemo({ size: 2.5 })).toThrow(RangeError);
		expect(() => generateDemo({ now: '2026-11-01T09:00:00' })).toThrow();
	});

	it('has at least one record of each type from size 4, in about the intended mix', () => {
		for (const size of [4, 5, 13, 50]) {
			const types = new Set(generateDemo({ size }).records.map((r) => r.type));
			expect([...types].sort()).toEqual([...RECORD_TYPES].sort());
		}
		const shares = count(standard.records, (r) => r.type);
		const expected = { asset: 0.4, visit: 0.25, referral: 0.25, floodGroup: 0.1 };
		for (const [type, share] of Object.entries(expected)) {
			expect(Math.abs((shares.get(type) ?? 0) / 400 - share)).toBeLessThan(0.02);
		}
	});

	it('spreads records over all six areas, roughly by population', () => {
		const byArea = count(standard.records, (r) => r.areaId);
		expect([...byArea.keys()].sort()).toEqual(AREAS.map((a) => a.id).sort());
		const share = (id: AreaId) => byArea.get(id) ?? 0;
		expect(share('carlisle')).toBeGreaterThan(share('eden'));
		expect(share('south-lakeland')).toBeGreaterThan(share('copeland'));
	});
});

/** What breaks a rule, as `type id: why`, so a whole dataset costs one assertion, not millions. */
function problems(
	records: readonly RecordEnvelope[],
	check: (record: RecordEnvelope) => Iterable<string>
): string[] {
	const found: string[] = [];
	for (const record of records) {
		for (const problem of check(record)) found.push(`${record.type} ${record.id}: ${problem}`);
		if (found.length >= 20) break;
	}
	return found;
}

describe.each([
	['400 records', standard],
	['50,000 records', large]
] as [string, DemoDataset][])('generateDemo: every record, %s', (_, dataset) => {
	const { records, staff } = dataset;
	const nowMs = Date.parse(DEFAULT_NOW);
	const staffById = new Map(staff.map((s) => [s.id, s]));

	it('passes the envelope schema, with unique ids', () => {
		expect(problems(records, (r) => (recordEnvelopeSchema.safeParse(r).success ? [] : ['envelope']))).toEqual(
			[]
		);
		expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
	});

	it('has createdAt <= updatedAt <= now, in UTC', () => {
		const found = problems(records, function* ({ createdAt, updatedAt }) {
			if (!ISO_UTC.test(createdAt) || !ISO_UTC.test(updatedAt)) yield 'not ISO UTC';
			if (createdAt > updatedAt) yield 'updated before created';
			if (Date.parse(updatedAt) > nowMs) yield 'updated after now';
		});
		expect(found).toEqual([]);
	});

	it('sits at a place in its own area, within 2 km of it and inside Cumbria', () => {
		const found = problems(records, function* (record) {
			for (const { place, postcode, lat, lon } of locations(record)) {
				if (place.areaId !== record.areaId) yield `${place.name} is not in ${record.areaId}`;
				if (postcode !== undefined && !UK_POSTCODE.test(postcode)) yield `bad postcode ${postcode}`;
				if (postcode !== undefined && !place.districts.includes(postcode.split(' ')[0] ?? '')) {
					yield `${postcode} is not in ${place.name}`;
				}
				if (lat === undefined || lon === undefined) continue;
				const inside = lat > CUMBRIA.south && lat < CUMBRIA.north && lon > CUMBRIA.west && lon < CUMBRIA.east;
				if (!inside) yield `${lat},${lon} is outside Cumbria`;
				if (metres(place, { lat, lon }) >= 2000) yield `${lat},${lon} is over 2 km from ${place.name}`;
			}
		});
		expect(found).toEqual([]);
	});

	it('uses only Ofcom drama phone numbers and example email domains', () => {
		expect(records.flatMap(phones).length).toBeGreaterThan(0);
		const found = problems(records, function* (record) {
			for (const phone of phones(record)) if (!DRAMA_PHONE.test(phone)) yield `real-looking phone ${phone}`;
			if (record.type !== 'asset') return;
			for (const { email } of (record.data as AssetData).contacts) {
				if (email !== undefined && !/^[a-z.]+@example\.(org|com)$/.test(email)) yield `email ${email}`;
			}
		});
		expect(found).toEqual([]);
	});

	it('keeps flood cascade order unique within each zone, and zones to the group', () => {
		const found = problems(records, function* (record) {
			if (record.type !== 'floodGroup') return;
			const group = record.data as FloodGroupData;
			if (group.zones.length < 2 || group.zones.length > 6) yield `${group.zones.length} zones`;
			for (const code of group.floodAreaCodes) if (!/^011(FWF|WAF)[A-Z0-9]{3,8}$/.test(code)) yield code;
			if (!ISO_DAY.test(group.planReviewDate)) yield 'plan review date';
			const seen = new Set<string>();
			for (const { zone, cascadeOrder } of group.contacts) {
				if (zone !== undefined && !group.zones.includes(zone)) yield `unknown zone ${zone}`;
				const key = `${zone ?? '(group)'} #${cascadeOrder}`;
				if (seen.has(key)) yield `repeated cascade ${key}`;
				seen.add(key);
			}
		});
		expect(found).toEqual([]);
	});

	it('assigns visits to fire officers and referrals to coaches who cover the area', () => {
		const found = problems(records, function* (record) {
			const [id, role] =
				record.type === 'visit'
					? [(record.data as VisitData).assignedTo, 'fireOfficer']
					: record.type === 'referral'
						? [(record.data as ReferralData).assignedCoach, 'coach']
						: [undefined, undefined];
			if (id === undefined) return;
			const member = staffById.get(id);
			if (member?.role !== role || !member.areaIds.includes(record.areaId)) yield `assigned to ${id}`;
		});
		expect(found).toEqual([]);
	});

	it('keeps each type’s own dates and lists coherent', () => {
		const found = problems(records, function* (record) {
			const day = record.createdAt.slice(0, 10);
			if (record.type === 'visit') {
				const { status, scheduledFor } = record.data as VisitData;
				if (scheduledFor === undefined) return;
				if (status === 'scheduled' && scheduledFor <= DEFAULT_NOW) yield 'scheduled in the past';
				if (status !== 'scheduled' && (scheduledFor < record.createdAt || scheduledFor > record.updatedAt)) {
					yield `${status} visit at ${scheduledFor}, outside its record's life`;
				}
			} else if (record.type === 'referral') {
				const { person, receivedOn, reasons } = record.data as ReferralData;
				if (!ISO_DAY.test(person.dateOfBirth) || receivedOn > day) yield 'dates';
				if (reasons.length < 1 || reasons.length > 3 || new Set(reasons).size !== reasons.length)
					yield 'reasons';
			} else if (record.type === 'asset') {
				const asset = record.data as AssetData;
				if (!ISO_DAY.test(asset.lastVerified)) yield 'lastVerified';
				if ((asset.kind === 'skill' || asset.lifecycle === 'published') && !asset.consentToPublish) {
					yield 'published without consent';
				}
				if (asset.contacts.some((c) => c.phone === undefined && c.email === undefined))
					yield 'unreachable contact';
			}
		});
		expect(found).toEqual([]);
	});
});

describe('demo staff', () => {
	const staff = demoStaff();

	it('is the same cast whatever the size', () => {
		expect(generateDemo({ size: 0 }).staff).toEqual(staff);
		expect(large.staff).toEqual(staff);
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
