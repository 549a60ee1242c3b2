import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../common';
import { floodGroupSchema, normaliseFloodAreaCode, type FloodGroupInput } from './group';

const KEYHOLDER = '0d3c7a4e-2b1f-4c6d-8e9a-5f4b3c2d1e0a';

function valid(): FloodGroupInput {
	return {
		name: 'Keswick Flood Action Group',
		town: 'Keswick',
		zones: [
			{ id: 'a', name: 'Zone A – Penrith Road' },
			{ id: 'b', name: 'Zone B – High Hill', description: 'West of Greta Bridge' }
		],
		floodAreaCodes: ['011FWFNC6KC'],
		planReviewDate: '2026-09-30',
		equipmentStores: [
			{
				id: 'fitz-park',
				name: 'Fitz Park pavilion store',
				keyholderContactIds: [KEYHOLDER],
				items: ['Sandbags']
			}
		]
	};
}

/** The error summary a form would show for `input`. */
function errors(input: unknown) {
	const result = floodGroupSchema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
}

describe('flood group', () => {
	it('accepts a complete group', () => {
		expect(floodGroupSchema.parse(valid())).toEqual(valid());
	});

	it('needs only a name, town, zones and plan review date; lists default to empty', () => {
		const { name, town, zones, planReviewDate } = valid();
		expect(floodGroupSchema.parse({ name, town, zones, planReviewDate })).toEqual({
			name,
			town,
			zones,
			planReviewDate,
			floodAreaCodes: [],
			equipmentStores: []
		});
	});

	it('does not refuse an overdue plan review: that is something to attend to, not an error', () => {
		expect(errors({ ...valid(), planReviewDate: '2019-01-01' })).toEqual([]);
	});

	it.each([
		['name', '  ', 'Enter the group name'],
		['town', '', 'Enter the town or parish'],
		['planReviewDate', '30/09/2026', 'Enter a date, like 2026-11-23'],
		['planReviewDate', '2026-02-30', 'Enter a real date'],
		['planReviewDate', undefined, 'Enter a date'],
		['notes', 'x'.repeat(5001), 'The notes must be 5000 characters or fewer']
	])('refuses %s = %j: %s', (field, value, message) => {
		expect(errors({ ...valid(), [field]: value })).toEqual([{ path: field, message }]);
	});

	it('trims the name and town', () => {
		const group = floodGroupSchema.parse({ ...valid(), name: '  Keswick Flood Group ', town: ' Keswick' });
		expect([group.name, group.town]).toEqual(['Keswick Flood Group', 'Keswick']);
	});
});

describe('zones', () => {
	it.each([[[]], [undefined]])('needs at least one zone (%j)', (zones) => {
		expect(errors({ ...valid(), zones })).toEqual([
			{ path: 'zones', message: 'Add at least one zone, like Zone A – Main Street' }
		]);
	});

	it.each(['a', 'b2', 'main-street', 'z'.repeat(20)])('accepts the zone id %s', (id) => {
		expect(errors({ ...valid(), zones: [{ id, name: 'Zone A' }] })).toEqual([]);
	});

	it.each(['A', 'Zone A', '', '-a', 'z'.repeat(21), 'a_b'])('refuses the zone id %j', (id) => {
		expect(errors({ ...valid(), zones: [{ id, name: 'Zone A' }] })).toEqual([
			{ path: 'zones.0.id', message: 'A zone id is up to 20 lower-case letters, digits or dashes, like a' }
		]);
	});

	it('needs a zone name', () => {
		expect(errors({ ...valid(), zones: [{ id: 'a', name: ' ' }] })).toEqual([
			{ path: 'zones.0.name', message: 'Enter the zone name' }
		]);
	});

	it('refuses two zones with the same id', () => {
		const zones = [
			{ id: 'a', name: 'Zone A – Penrith Road' },
			{ id: 'a', name: 'Zone B – High Hill' }
		];
		expect(errors({ ...valid(), zones })).toEqual([
			{ path: 'zones.1.id', message: 'Another zone already has the id a' }
		]);
	});

	it('refuses two zones with the same name, whatever the case and spacing', () => {
		const zones = [
			{ id: 'a', name: 'Zone A – Penrith Road' },
			{ id: 'b', name: ' zone a – penrith road ' }
		];
		expect(errors({ ...valid(), zones })).toEqual([
			{ path: 'zones.1.name', message: 'Another zone is already called zone a – penrith road' }
		]);
	});
});

describe('Environment Agency flood area codes', () => {
	it.each([
		['011FWFNC6KC', '011FWFNC6KC'],
		['011fwFNC6KC', '011FWFNC6KC'],
		['061WAF07Cole', '061WAF07Cole'],
		[' 011 FWF NC6KC ', '011FWFNC6KC'],
		['013WAFUI', '013WAFUI'],
		['122WAC953', '122WAC953']
	])('normalises %j to %s', (input, expected) => {
		expect(normaliseFloodAreaCode(input)).toBe(expected);
	});

	it.each([
		'',
		'FWFNC6KC',
		'11FWFNC6KC',
		'0110FWFNC6KC',
		'011XXFNC6KC',
		'011FW',
		'011FWF-NC6',
		'011FWF' + 'A'.repeat(20)
	])('refuses %j', (input) => {
		expect(normaliseFloodAreaCode(input)).toBeNull();
	});

	it('upper-cases the fixed prefix and keeps the area’s own part as the EA writes it', () => {
		expect(
			floodGroupSchema.parse({ ...valid(), floodAreaCodes: ['011waFDW', '061WAF23Datchet'] }).floodAreaCodes
		).toEqual(['011WAFDW', '061WAF23Datchet']);
	});

	it('explains a refusal', () => {
		expect(errors({ ...valid(), floodAreaCodes: ['011FWFNC6KC', 'Greta'] })).toEqual([
			{ path: 'floodAreaCodes.1', message: 'Enter an Environment Agency flood area code, like 011FWFNC6KC' }
		]);
	});

	it('refuses the same code twice, however it was typed', () => {
		expect(errors({ ...valid(), floodAreaCodes: ['011FWFNC6KC', '011 fwfnc6kc'] })).toEqual([
			{ path: 'floodAreaCodes.1', message: '011FWfnc6kc is listed twice' }
		]);
	});
});

describe('equipment stores', () => {
	const store = {
		id: 'fitz-park',
		name: 'Fitz Park pavilion store',
		keyholderContactIds: [KEYHOLDER],
		items: []
	};

	it('accepts a store with a location, and one with no keyholder yet (that is for attention, not an error)', () => {
		const located = { ...store, location: { lat: 54.6037, lon: -3.1318 } };
		const unkept = { ...store, id: 'bank', name: 'Bank Street garage', keyholderContactIds: [] };
		expect(errors({ ...valid(), equipmentStores: [located, unkept] })).toEqual([]);
	});

	it.each([
		['name', '', 'equipmentStores.0.name', 'Enter the store name'],
		[
			'id',
			'Fitz Park',
			'equipmentStores.0.id',
			'A store id is up to 20 lower-case letters, digits or dashes, like a'
		],
		[
			'keyholderContactIds',
			['Stuart'],
			'equipmentStores.0.keyholderContactIds.0',
			"Choose a keyholder from the group's contacts"
		],
		[
			'keyholderContactIds',
			[KEYHOLDER, KEYHOLDER],
			'equipmentStores.0.keyholderContactIds.1',
			'This keyholder is listed twice'
		],
		['items', ['Sandbags', ' '], 'equipmentStores.0.items.1', 'Enter the item']
	])('refuses %s = %j', (field, value, path, message) => {
		expect(errors({ ...valid(), equipmentStores: [{ ...store, [field]: value }] })).toEqual([
			{ path, message }
		]);
	});

	it('refuses a location off the globe', () => {
		const paths = errors({ ...valid(), equipmentStores: [{ ...store, location: { lat: 154, lon: 0 } }] }).map(
			(e) => e.path
		);
		expect(paths).toEqual(['equipmentStores.0.location.lat']);
	});

	it('refuses two stores with the same id', () => {
		expect(errors({ ...valid(), equipmentStores: [store, { ...store, name: 'Another' }] })).toEqual([
			{ path: 'equipmentStores.1.id', message: 'Another store already has the id fitz-park' }
		]);
	});
});
