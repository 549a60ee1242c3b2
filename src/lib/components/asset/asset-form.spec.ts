import { describe, expect, it } from 'vitest';
import { makeAssetSchema } from '$lib/domain/asset';
import { exampleAsset, exampleSkill } from '$lib/domain/asset/fixtures';
import { fieldErrors } from '$lib/domain/common';
import {
	assetFormFromRecord,
	emptyAssetForm,
	emptyContact,
	emptyOpening,
	mergeDraft,
	prepareAsset,
	type AssetFormValues
} from './asset-form';
import { locationFromPoint } from '$lib/components/form/location-value';
import { contactLines, formatDays, formatTime, locationLines, openingLine } from './describe';

const TODAY = '2026-03-03';

/** What the form does on Save: prepare, validate, and list the problems in form order. */
function save(values: AssetFormValues, context: Parameters<typeof prepareAsset>[1] = { lifecycle: 'draft' }) {
	const prepared = prepareAsset(values, context);
	const result = makeAssetSchema({ today: TODAY }).safeParse(prepared.input);
	const errors = prepared.errorsWith(result.success ? [] : fieldErrors(result.error));
	return { prepared, data: result.success ? result.data : null, errors };
}

const filled = (overrides: Partial<AssetFormValues> = {}): AssetFormValues => ({
	...emptyAssetForm(),
	areaId: 'allerdale',
	kind: 'place',
	name: 'Birkett Barn Hall',
	status: 'active',
	...overrides
});

describe('prepareAsset', () => {
	it('lists an empty form’s problems top to bottom, the area first', () => {
		expect(save(emptyAssetForm()).errors.map((e) => e.path)).toEqual(['areaId', 'kind', 'name', 'status']);
	});

	it('saves a new asset as a draft with nothing unanswered stored', () => {
		const { data, errors, prepared } = save(filled({ description: '  ', organisation: '' }));
		expect(errors).toEqual([]);
		expect(prepared.areaId).toBe('allerdale');
		expect(data).toMatchObject({ lifecycle: 'draft', consentToPublish: false, contacts: [] });
		expect(data).not.toHaveProperty('description');
		expect(data).not.toHaveProperty('organisation');
	});

	it('reads a typed grid reference into a point, keeping how wide its square is', () => {
		const { data } = save(
			filled({ location: { position: 'NY 263 233', address: 'Birkett Lane', postcode: 'ca12 5dj' } })
		);
		expect(data?.location).toMatchObject({ address: 'Birkett Lane', postcode: 'CA12 5DJ', accuracyM: 71 });
		expect(data?.location?.lat).toBeCloseTo(54.6, 1);
	});

	it('points at the location field when the position cannot be read, or is missing for an address', () => {
		expect(save(filled({ location: { position: 'nowhere', address: '', postcode: '' } })).errors).toEqual([
			expect.objectContaining({ path: 'location' })
		]);
		expect(
			save(filled({ location: { position: '', address: 'Birkett Lane', postcode: '' } })).errors
		).toEqual([expect.objectContaining({ path: 'location' })]);
	});

	it('leaves blank rows out, and points errors at the rows on screen', () => {
		const { errors, data } = save(
			filled({
				contacts: [emptyContact(), { name: 'Helen Dixon', phone: '', email: '' }],
				schedule: [emptyOpening(), emptyOpening(), { days: ['mo'], opens: '10:00', closes: '09:00' }]
			})
		);
		expect(data).toBeNull();
		expect(errors.map((e) => e.path)).toEqual(['contacts.1.phone', 'schedule.2.closes']);
	});

	it('keeps the person’s name only for a skill, and hidden “other” text not at all', () => {
		const place = save(filled({ holderName: 'Sam Birkett', accessibilityOther: 'Ramp' }));
		expect(place.errors).toEqual([]);
		expect(place.data).not.toHaveProperty('holderName');
		expect(place.data).not.toHaveProperty('accessibilityOther');
		const skill = save(filled({ kind: 'skill', holderName: 'Sam Birkett' }));
		expect(skill.data?.holderName).toBe('Sam Birkett');
	});

	it('applies the rules of the lifecycle the record keeps on edit', () => {
		const { errors } = save(filled({ kind: 'skill', holderName: 'Sam' }), { lifecycle: 'published' });
		expect(errors.map((e) => e.path)).toEqual(['lastVerified', 'consentToPublish']);
	});

	it('refuses a last-checked date in the future', () => {
		expect(save(filled({ lastVerified: '2026-03-04' })).errors.map((e) => e.path)).toEqual(['lastVerified']);
	});
});

describe('assetFormFromRecord', () => {
	it.each([
		['a place', exampleAsset()],
		['a skill', exampleSkill()]
	])('saves %s back unchanged when nothing is edited', (_, asset) => {
		const { values, kept } = assetFormFromRecord({ areaId: 'allerdale', data: asset });
		expect(values.contacts[0]?.phone).toMatch(/^0\d{4} \d{6}$|^0\d{3} \d{3} \d{4}$/);
		const { data, errors } = save(values, { lifecycle: asset.lifecycle, kept });
		expect(errors).toEqual([]);
		expect(data).toEqual(asset);
	});

	it("stores this device's point with its accuracy, and keeps the saved UPRN when the place is moved", () => {
		const asset = exampleAsset({
			location: { lat: 54.6, lon: -3.13, uprn: '10000123456', address: 'Birkett Lane' }
		});
		const { values, kept } = assetFormFromRecord({ areaId: 'allerdale', data: asset });
		const moved = {
			...values,
			location: {
				...values.location,
				...locationFromPoint({ lat: 54.61, lon: -3.14, accuracyM: 9, source: 'device' })
			}
		};
		const { data, errors } = save(moved, { lifecycle: asset.lifecycle, kept });
		expect(errors).toEqual([]);
		expect(data?.location).toEqual({
			lat: 54.61,
			lon: -3.14,
			accuracyM: 9,
			uprn: '10000123456',
			address: 'Birkett Lane'
		});
	});

	it('keeps a draft’s answers over the starting values, and the form’s own fields for anything missing', () => {
		const merged = mergeDraft(emptyAssetForm(), { name: 'Lunch club', unknown: 1 });
		expect(merged.name).toBe('Lunch club');
		expect(merged.contacts).toEqual([]);
		expect(merged).not.toHaveProperty('unknown');
	});
});

describe('describe', () => {
	it('says times and days the GOV.UK way', () => {
		expect(['09:00', '17:30', '12:00', '00:00', '00:15'].map(formatTime)).toEqual([
			'9am',
			'5:30pm',
			'midday',
			'midnight',
			'12:15am'
		]);
		expect(formatDays(['mo', 'tu', 'we', 'th', 'fr'])).toBe('Monday to Friday');
		expect(formatDays(['sa', 'su'])).toBe('Saturday and Sunday');
		expect(formatDays(['fr', 'mo', 'tu', 'we'])).toBe('Monday to Wednesday and Friday');
		expect(openingLine({ days: ['sa'], opens: '10:00', closes: '13:00' })).toBe('Saturday, 10am to 1pm');
	});

	it('shows a location as a grid reference and latitude and longitude, and phones as people read them', () => {
		expect(locationLines(exampleAsset().location)[0]).toMatch(/^Grid reference: NY \d{5} \d{5}$/);
		expect(contactLines(exampleAsset().contacts)[1]).toBe('Alan Wilson, 07700\u00a0900261');
	});
});
