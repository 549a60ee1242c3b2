import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors } from '../common';
import { exampleAsset, exampleSkill } from './fixtures';
import {
	ACCESSIBILITY_LABELS,
	ASSET_KIND_HINTS,
	ASSET_KIND_LABELS,
	ASSET_LIFECYCLE_LABELS,
	ASSET_STATUS_HINTS,
	ASSET_STATUS_LABELS,
	WHO_IT_SERVES_LABELS
} from './labels';
import {
	ACCESSIBILITY_FEATURES,
	ASSET_KINDS,
	ASSET_LIFECYCLE_STATES,
	ASSET_STATUSES,
	SERVED_GROUPS,
	assetIssues,
	assetSchema,
	makeAssetSchema,
	type AssetKind,
	type AssetLifecycleState
} from './schema';

const errors = (input: unknown, schema: z.ZodType = assetSchema) => {
	const result = schema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
};

const STATES = ASSET_LIFECYCLE_STATES;
const LISTED: AssetLifecycleState[] = ['submitted', 'verified', 'published'];
const UNLISTED: AssetLifecycleState[] = ['draft', 'archived'];
const NOT_SKILLS = ASSET_KINDS.filter((kind): kind is Exclude<AssetKind, 'skill'> => kind !== 'skill');

describe('fixtures', () => {
	it.each([
		['exampleAsset', exampleAsset()],
		['exampleSkill', exampleSkill()]
	])('%s is valid and already in stored form', (_, asset) => {
		expect(assetSchema.parse(asset)).toEqual(asset);
	});

	it('is a published place in Keswick, and a published skill with consent', () => {
		expect(exampleAsset()).toMatchObject({ kind: 'place', lifecycle: 'published', status: 'active' });
		expect(exampleAsset().location?.address).toContain('Keswick');
		expect(exampleSkill()).toMatchObject({ kind: 'skill', lifecycle: 'published', consentToPublish: true });
	});

	it('applies overrides, and hands out fresh lists each time', () => {
		expect(exampleAsset({ name: 'Keswick Library' }).name).toBe('Keswick Library');
		exampleAsset().contacts.push({ name: 'Extra', phone: '+447700900999' });
		expect(exampleAsset().contacts).toHaveLength(2);
	});
});

describe('codes', () => {
	it('uses the ABCD kinds, Open Referral UK statuses and the lifecycle states', () => {
		expect(ASSET_KINDS).toEqual(['skill', 'association', 'institution', 'place', 'economic', 'cultural']);
		expect(ASSET_STATUSES).toEqual(['active', 'inactive', 'defunct', 'temporarilyClosed']);
		expect(STATES).toEqual(['draft', 'submitted', 'verified', 'published', 'archived']);
	});

	it.each([
		['ASSET_KIND_LABELS', ASSET_KIND_LABELS, ASSET_KINDS],
		['ASSET_KIND_HINTS', ASSET_KIND_HINTS, ASSET_KINDS],
		['ASSET_STATUS_LABELS', ASSET_STATUS_LABELS, ASSET_STATUSES],
		['ASSET_STATUS_HINTS', ASSET_STATUS_HINTS, ASSET_STATUSES],
		['ASSET_LIFECYCLE_LABELS', ASSET_LIFECYCLE_LABELS, STATES],
		['ACCESSIBILITY_LABELS', ACCESSIBILITY_LABELS, ACCESSIBILITY_FEATURES],
		['WHO_IT_SERVES_LABELS', WHO_IT_SERVES_LABELS, SERVED_GROUPS]
	] as const)('%s words every code, in order, and nothing else', (_, labels, codes) => {
		expect(Object.keys(labels)).toEqual([...codes]);
		for (const text of Object.values(labels)) expect(text).toMatch(/^[A-Z].*[^\s.]$/);
	});

	it('says things the way people do', () => {
		expect(ASSET_KIND_LABELS.skill).toBe("Individual's skill");
		expect(ASSET_KIND_LABELS.association).toBe('Association or group');
		expect(ASSET_STATUS_LABELS.temporarilyClosed).toBe('Temporarily closed');
	});
});

describe('fields', () => {
	it('accepts a bare draft and fills in empty lists and no consent', () => {
		expect(
			assetSchema.parse({
				kind: 'association',
				name: ' Keswick Lunch Club ',
				status: 'active',
				lifecycle: 'draft'
			})
		).toEqual({
			kind: 'association',
			name: 'Keswick Lunch Club',
			status: 'active',
			lifecycle: 'draft',
			contacts: [],
			schedule: [],
			accessibility: [],
			whoItServes: [],
			taxonomyTerms: [],
			consentToPublish: false
		});
	});

	it('stores phones in E.164 and postcodes in capitals with one space', () => {
		const asset = assetSchema.parse(
			exampleAsset({
				contacts: [{ name: 'Helen Dixon', phone: '01632 960418' }],
				location: { lat: 54.6, lon: -3.13, postcode: 'ca125dj' }
			})
		);
		expect(asset.contacts[0]?.phone).toBe('+441632960418');
		expect(asset.location?.postcode).toBe('CA12 5DJ');
	});

	it('drops fields it does not know, such as a location’s town', () => {
		const location = { lat: 54.6, lon: -3.13, town: 'Keswick' };
		expect(assetSchema.parse(exampleAsset({ location })).location).toEqual({ lat: 54.6, lon: -3.13 });
	});

	const long = (n: number) => 'x'.repeat(n);
	it.each([
		['no kind', { kind: undefined }, 'kind', 'Select what kind of asset it is'],
		['an unknown kind', { kind: 'shop' }, 'kind', 'Select what kind of asset it is'],
		['a blank name', { name: '   ' }, 'name', 'Enter the name'],
		['no name', { name: undefined }, 'name', 'Enter the name'],
		['a long name', { name: long(151) }, 'name', 'The name must be 150 characters or fewer'],
		[
			'a long description',
			{ description: long(2001) },
			'description',
			'The description must be 2000 characters or fewer'
		],
		[
			'a long organisation',
			{ organisation: long(201) },
			'organisation',
			'The organisation must be 200 characters or fewer'
		],
		[
			'no status',
			{ status: undefined },
			'status',
			'Select whether it is active, inactive, temporarily closed or defunct'
		],
		[
			'ORUK’s spelling of a status',
			{ status: 'temporarily closed' },
			'status',
			'Select whether it is active, inactive, temporarily closed or defunct'
		],
		[
			'an unknown lifecycle',
			{ lifecycle: 'deleted' },
			'lifecycle',
			'Lifecycle must be draft, submitted, verified, published or archived'
		],
		['an impossible date', { lastVerified: '2025-02-29' }, 'lastVerified', 'Enter a real date'],
		[
			'a date in another format',
			{ lastVerified: '14/10/2025' },
			'lastVerified',
			'Enter a date, like 2026-11-23'
		],
		[
			'consent that is not yes or no',
			{ consentToPublish: 'yes' },
			'consentToPublish',
			'Select whether they consent to it being published'
		],
		['a location without longitude', { location: { lat: 54.6 } }, 'location.lon', 'Enter a longitude'],
		[
			'a location with a bad postcode',
			{ location: { lat: 54.6, lon: -3.13, postcode: 'nowhere' } },
			'location.postcode',
			'Enter a real postcode, like CA12 5DJ'
		],
		[
			'a contact nobody can reach',
			{ contacts: [{ name: 'Jo Atkinson' }] },
			'contacts.0.phone',
			'Enter a phone number or email address for Jo Atkinson'
		],
		[
			'a contact with a bad phone',
			{ contacts: [{ name: 'Jo', phone: '999' }] },
			'contacts.0.phone',
			'Enter a UK phone number, like 01768 772000 or 07700 900123'
		],
		[
			'a contact with a bad email',
			{ contacts: [{ name: 'Jo', email: 'jo' }] },
			'contacts.0.email',
			'Enter an email address in the right format, like name@example.org'
		],
		[
			'an unknown accessibility feature',
			{ accessibility: ['ramp'] },
			'accessibility.0',
			'Select accessibility features from the list'
		],
		[
			'an accessibility feature twice',
			{ accessibility: ['parking', 'parking'] },
			'accessibility',
			'Select each accessibility feature only once'
		],
		[
			'an unknown group served',
			{ whoItServes: ['teenagers'] },
			'whoItServes.0',
			'Select who it serves from the list'
		],
		[
			'a group served twice',
			{ whoItServes: ['carers', 'carers'] },
			'whoItServes',
			'Select each group only once'
		],
		['a blank taxonomy term', { taxonomyTerms: [' '] }, 'taxonomyTerms.0', 'Enter the taxonomy term'],
		[
			'long schedule notes',
			{ scheduleNotes: long(501) },
			'scheduleNotes',
			'The notes on opening times must be 500 characters or fewer'
		],
		[
			'a schedule closing before it opens',
			{ schedule: [{ days: ['mo'], opens: '17:00', closes: '09:00' }] },
			'schedule.0.closes',
			'Closing time must be after opening time'
		],
		[
			'overlapping opening times',
			{
				schedule: [
					{ days: ['fr'], opens: '09:00', closes: '17:00' },
					{ days: ['fr'], opens: '16:00', closes: '18:00' }
				]
			},
			'schedule.1.opens',
			'Opening times on Friday must not overlap'
		]
	])('refuses %s', (_, override, path, message) => {
		expect(errors({ ...exampleAsset(), ...override })).toEqual([{ path, message }]);
	});

	it('names an unnamed contact nobody can reach as "this contact"', () => {
		expect(errors(exampleAsset({ contacts: [{ name: '' }] }))).toEqual([
			{ path: 'contacts.0.name', message: 'Enter a contact name' },
			{ path: 'contacts.0.phone', message: 'Enter a phone number or email address for this contact' }
		]);
	});

	it('accepts a contact with only an email address', () => {
		expect(errors(exampleAsset({ contacts: [{ name: 'Jo', email: 'jo@example.org' }] }))).toEqual([]);
	});
});

describe("a person's name on a skill", () => {
	it.each(STATES)('is needed for a skill in %s', (lifecycle) => {
		expect(errors(exampleSkill({ lifecycle, holderName: undefined }))).toEqual([
			{ path: 'holderName', message: 'Enter the name of the person with the skill' }
		]);
		expect(errors(exampleSkill({ lifecycle, holderName: '  ' }))).toEqual([
			{ path: 'holderName', message: 'Enter the name of the person with the skill' }
		]);
	});

	it.each(NOT_SKILLS)('is refused on a %s, which has no holder', (kind) => {
		expect(errors(exampleAsset({ kind, holderName: 'Sam Birkett' }))).toEqual([
			{ path: 'holderName', message: "Remove the person's name, or change the kind to individual's skill" }
		]);
		expect(errors(exampleAsset({ kind, holderName: '' }))).toEqual([]);
	});
});

describe('consent to publish', () => {
	it.each(LISTED)('is needed for a skill that is %s', (lifecycle) => {
		expect(errors(exampleSkill({ lifecycle, consentToPublish: false }))).toEqual([
			{
				path: 'consentToPublish',
				message: "A person's skill can only be listed with their consent to publish"
			}
		]);
	});

	it.each(UNLISTED)('is not needed yet for a skill that is %s', (lifecycle) => {
		expect(errors(exampleSkill({ lifecycle, consentToPublish: false }))).toEqual([]);
	});

	it.each(NOT_SKILLS)('is not needed to publish a %s', (kind) => {
		expect(errors(exampleAsset({ kind, consentToPublish: false }))).toEqual([]);
	});
});

describe('location', () => {
	it.each(LISTED)('is needed for a physical place that is %s', (lifecycle) => {
		expect(errors(exampleAsset({ lifecycle, location: undefined }))).toEqual([
			{ path: 'location', message: 'Add the location of the place' }
		]);
	});

	it.each(UNLISTED)('may wait for a physical place that is %s', (lifecycle) => {
		expect(errors(exampleAsset({ lifecycle, location: undefined }))).toEqual([]);
	});

	it.each(ASSET_KINDS.filter((kind) => kind !== 'place'))('is optional for a published %s', (kind) => {
		const asset = kind === 'skill' ? exampleSkill() : exampleAsset({ kind, location: undefined });
		expect(errors(asset)).toEqual([]);
	});
});

describe('last verified', () => {
	it.each(['verified', 'published'] as const)('is needed once %s', (lifecycle) => {
		expect(errors(exampleAsset({ lifecycle, lastVerified: undefined }))).toEqual([
			{ path: 'lastVerified', message: 'Enter the date the details were last checked' }
		]);
	});

	it.each(['draft', 'submitted', 'archived'] as const)('is optional while %s', (lifecycle) => {
		expect(errors(exampleAsset({ lifecycle, lastVerified: undefined }))).toEqual([]);
	});
});

describe('"Other" answers', () => {
	it.each([undefined, '', '   '])('ask what the other accessibility is (given %j)', (accessibilityOther) => {
		expect(errors(exampleAsset({ accessibility: ['parking', 'other'], accessibilityOther }))).toEqual([
			{ path: 'accessibilityOther', message: 'Describe the other accessibility features' }
		]);
	});

	it.each([undefined, ''])('ask who else it serves (given %j)', (whoItServesOther) => {
		expect(errors(exampleAsset({ whoItServes: ['other'], whoItServesOther }))).toEqual([
			{ path: 'whoItServesOther', message: 'Describe who else it serves' }
		]);
	});

	it('are accepted with a description', () => {
		const asset = exampleAsset({
			accessibility: ['other'],
			accessibilityOther: 'Wheelchair to borrow',
			whoItServes: ['other'],
			whoItServesOther: 'Farmers'
		});
		expect(errors(asset)).toEqual([]);
	});
});

describe('who it serves', () => {
	it.each([
		[['menOnly', 'womenOnly'], 'Select "Men only" or "Women only", not both'],
		[['everyone', 'menOnly', 'womenOnly'], 'Select "Men only" or "Women only", not both'],
		[['everyone', 'menOnly'], 'Select "Everyone" or "Men only", not both'],
		[['womenOnly', 'everyone'], 'Select "Everyone" or "Women only", not both']
	] as const)('refuses %j', (whoItServes, message) => {
		expect(errors(exampleAsset({ whoItServes: [...whoItServes] }))).toEqual([
			{ path: 'whoItServes', message }
		]);
	});

	it.each([
		[['menOnly', 'olderPeople']],
		[['everyone', 'olderPeople', 'carers']],
		[['womenOnly']],
		[[]]
	] as const)('accepts %j', (whoItServes) => {
		expect(errors(exampleAsset({ whoItServes: [...whoItServes] }))).toEqual([]);
	});
});

describe('several problems at once', () => {
	it('lists each against its own field, for the error summary', () => {
		expect(
			errors(
				exampleSkill({
					lifecycle: 'verified',
					name: '',
					holderName: undefined,
					consentToPublish: false,
					lastVerified: undefined
				})
			)
		).toEqual([
			{ path: 'name', message: 'Enter the name' },
			{ path: 'holderName', message: 'Enter the name of the person with the skill' },
			{
				path: 'consentToPublish',
				message: "A person's skill can only be listed with their consent to publish"
			},
			{ path: 'lastVerified', message: 'Enter the date the details were last checked' }
		]);
	});
});

describe('rules that need today', () => {
	const today = '2026-03-03';
	const onToday = makeAssetSchema({ today });

	it.each(['2026-03-03', '2026-03-02', '2016-03-03'])('accept last verified on %s', (lastVerified) => {
		expect(errors(exampleAsset({ lastVerified }), onToday)).toEqual([]);
		expect(assetIssues({ lastVerified }, today)).toEqual([]);
	});

	it.each(['2026-03-04', '2027-01-01'])('refuse last verified on %s, after today', (lastVerified) => {
		const issue = { path: 'lastVerified', message: 'The date last verified must be today or in the past' };
		expect(errors(exampleAsset({ lastVerified }), onToday)).toEqual([issue]);
		expect(assetIssues({ lastVerified }, today)).toEqual([issue]);
	});

	it('accept a leap day that is today', () => {
		expect(assetIssues({ lastVerified: '2028-02-29' }, '2028-02-29')).toEqual([]);
	});

	it('accept no date where the state allows it', () => {
		expect(errors(exampleAsset({ lifecycle: 'draft', lastVerified: undefined }), onToday)).toEqual([]);
	});

	it('keep every rule of the pure schema', () => {
		expect(errors(exampleAsset({ location: undefined, lastVerified: '2026-12-25' }), onToday)).toEqual([
			{ path: 'location', message: 'Add the location of the place' },
			{ path: 'lastVerified', message: 'The date last verified must be today or in the past' }
		]);
	});

	it('are not in the pure schema, so stored records never expire or depend on a clock', () => {
		expect(errors(exampleAsset({ lastVerified: '2099-01-01' }))).toEqual([]);
	});

	it.each(['2026-02-30', '3 March 2026', ''])(
		'throw on a malformed today (%j): a programming mistake',
		(bad) => {
			expect(() => makeAssetSchema({ today: bad })).toThrow();
			expect(() => assetIssues({}, bad)).toThrow();
		}
	);
});
