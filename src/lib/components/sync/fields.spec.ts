import { describe, expect, it } from 'vitest';
import { recordKinds } from '$lib/domain/record-kinds';
import { RECORD_TYPES } from '$lib/domain/records';
import { describeValue, fieldLabel, isFreeText, labelledFields } from './fields';

describe('fieldLabel', () => {
	it('names fields in the words the forms use', () => {
		expect(fieldLabel('asset', 'scheduleNotes')).toBe('Notes on opening times');
		expect(fieldLabel('referral', 'whatMatters')).toBe('What matters to the person');
		expect(fieldLabel('visit', '@archived')).toBe('Archived');
		expect(fieldLabel('floodGroup', '@area')).toBe('Area');
	});

	it('spells out a field it does not know rather than showing code', () => {
		expect(fieldLabel('asset', 'openingSeasonNotes')).toBe('Opening season notes');
	});

	it('has a label for every field of every record type', () => {
		for (const type of RECORD_TYPES) {
			let schema: unknown = recordKinds[type].schema;
			// Refined schemas wrap the object: walk in to its shape.
			while (schema && typeof schema === 'object' && !('shape' in schema)) {
				const def = (schema as { def?: { in?: unknown; schema?: unknown; innerType?: unknown } }).def;
				schema = def?.in ?? def?.schema ?? def?.innerType;
			}
			const fields = Object.keys((schema as { shape: object }).shape);
			expect(fields.length, type).toBeGreaterThan(0);
			const unlabelled = fields.filter((f) => !labelledFields(type).includes(f));
			expect(unlabelled, `${type} fields without a label`).toEqual([]);
		}
	});
});

describe('isFreeText', () => {
	it('lets a person retype free text, never codes, dates or lists', () => {
		expect(isFreeText('asset', 'name')).toBe(true);
		expect(isFreeText('visit', 'notes')).toBe(true);
		expect(isFreeText('asset', 'status')).toBe(false);
		expect(isFreeText('referral', 'receivedOn')).toBe(false);
		expect(isFreeText('asset', '@archived')).toBe(false);
		expect(isFreeText('asset', 'unknownField')).toBe(false);
	});
});

describe('describeValue', () => {
	it('shows codes as words and dates written out', () => {
		expect(describeValue('asset', 'status', 'temporarilyClosed')).toBe('Temporarily closed');
		expect(describeValue('asset', 'accessibility', ['hearingLoop', 'parking'])).toBe(
			'Hearing loop, Parking on site or nearby'
		);
		expect(describeValue('referral', 'receivedOn', '2026-03-04')).toBe('4 March 2026');
		expect(describeValue('visit', 'scheduledFor', '2026-07-01T09:05:00Z')).toBe('1 July 2026 at 10:05');
		expect(describeValue('asset', '@area', 'eden')).toBe('Eden');
		expect(describeValue('asset', '@archived', true)).toBe('Archived');
		expect(describeValue('asset', '@archived', false)).toBe('Kept in use');
		expect(describeValue('asset', '@archived', { name: 'New', scheduleNotes: null })).toBe(
			'Kept in use and edited: name, notes on opening times'
		);
	});

	it('says plainly when a value is empty', () => {
		expect(describeValue('asset', 'description', null)).toBe('Not given');
		expect(describeValue('asset', 'description', undefined)).toBe('Not given');
		expect(describeValue('asset', 'taxonomyTerms', [])).toBe('None');
		expect(describeValue('referral', 'consentToShare', false)).toBe('No');
	});

	it('summarises parts and lists of parts', () => {
		const address = { line1: '14 Main Street', town: 'Keswick', postcode: 'CA12 5AB' };
		expect(describeValue('visit', 'address', address)).toBe('14 Main Street, Keswick, CA12 5AB');
		expect(describeValue('visit', 'occupants', [{ name: 'A' }, { name: 'B' }])).toBe('2 entries');
		expect(describeValue('visit', 'home', { alarms: { present: 1 } })).toBe('Details recorded');
	});

	it('shows a code it has no words for as it is', () => {
		expect(describeValue('asset', 'status', 'mothballed')).toBe('mothballed');
	});
});
