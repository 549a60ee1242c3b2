import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../common';
import { floodHouseholdSchema, type FloodHouseholdInput } from './household';

const CONSENT = { givenOn: '2025-02-14', givenBy: 'Dorothy Airey', method: 'written' } as const;

function household(more: Partial<FloodHouseholdInput> = {}): FloodHouseholdInput {
	return {
		groupId: '4b6f2c1e-8d3a-4f5b-9c7e-1a2b3c4d5e6f',
		zoneId: 'a',
		address: { line1: '14 Penrith Road', town: 'Keswick', postcode: 'ca12 4hf' },
		occupants: 2,
		...more
	};
}

function errors(input: unknown) {
	const result = floodHouseholdSchema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
}

describe('flood household', () => {
	it('accepts a household with no vulnerabilities and no consent, normalising the postcode', () => {
		const parsed = floodHouseholdSchema.parse(household());
		expect(parsed.address.postcode).toBe('CA12 4HF');
		expect(parsed.vulnerabilities).toEqual([]);
	});

	it('needs no zone', () => {
		expect(errors(household({ zoneId: undefined }))).toEqual([]);
	});

	it.each([
		['groupId', 'keswick', 'groupId', 'Choose the flood group'],
		['zoneId', 'Zone A', 'zoneId', 'A zone id is up to 20 lower-case letters, digits or dashes, like a'],
		['occupants', undefined, 'occupants', 'Enter how many people live there, like 2'],
		['occupants', 2.5, 'occupants', 'Enter how many people live there as a whole number, like 2'],
		['occupants', 0, 'occupants', 'At least one person must live there'],
		['keyholderContactId', 'Ian', 'keyholderContactId', "Choose a keyholder from the group's contacts"],
		['notes', 'x'.repeat(2001), 'notes', 'The notes must be 2000 characters or fewer'],
		[
			'vulnerabilities',
			['frail'],
			'vulnerabilities.0',
			'Choose from mobility, power-dependent equipment, sensory, young children, language, medical or other'
		]
	])('refuses %s = %j', (field, value, path, message) => {
		expect(errors(household({ [field]: value, consent: CONSENT }))).toEqual([{ path, message }]);
	});

	it('checks the address with the shared address rules', () => {
		expect(errors(household({ address: { line1: '', town: 'Keswick', postcode: 'CA12' } }))).toEqual([
			{ path: 'address.line1', message: 'Enter the first line of the address' },
			{ path: 'address.postcode', message: 'Enter a real postcode, like CA12 5DJ' }
		]);
	});

	describe('vulnerabilities only with recorded consent', () => {
		it.each([
			'mobility',
			'powerDependentEquipment',
			'sensory',
			'youngChildren',
			'language',
			'medical',
			'other'
		] as const)('refuses %s without consent', (code) => {
			expect(errors(household({ vulnerabilities: [code] }))).toEqual([
				{ path: 'vulnerabilities', message: "Record the household's consent before noting vulnerabilities" }
			]);
		});

		it('accepts them once consent is recorded', () => {
			const parsed = floodHouseholdSchema.parse(
				household({ vulnerabilities: ['mobility', 'powerDependentEquipment'], consent: CONSENT })
			);
			expect(parsed.vulnerabilities).toEqual(['mobility', 'powerDependentEquipment']);
		});

		it('keeps a box ticked twice once', () => {
			const parsed = floodHouseholdSchema.parse(
				household({ vulnerabilities: ['sensory', 'sensory', 'medical'], consent: CONSENT })
			);
			expect(parsed.vulnerabilities).toEqual(['sensory', 'medical']);
		});

		it('accepts consent recorded with nothing to note', () => {
			expect(errors(household({ consent: CONSENT }))).toEqual([]);
		});

		it.each([
			['givenOn', '14/02/2025', 'consent.givenOn', 'Enter a date, like 2026-11-23'],
			['givenBy', ' ', 'consent.givenBy', 'Enter the name of the person who gave consent'],
			['method', 'nod', 'consent.method', 'Choose how they gave consent: written, verbal or electronic']
		])('refuses consent %s = %j', (field, value, path, message) => {
			expect(errors(household({ consent: { ...CONSENT, [field]: value } }))).toEqual([{ path, message }]);
		});
	});
});
