import { z } from 'zod';
import {
	contactSchema,
	isoDateSchema,
	locationSchema,
	optionalText,
	requiredText,
	type FieldError
} from '../common';
import { assertIsoDate } from '../common/dates';
import { scheduleSchema } from './schedule';

/**
 * A community asset's fields (the record envelope — id, type, areaId, timestamps — is separate).
 *
 * Two layers, on purpose:
 * - `assetSchema` is pure: the same input always gets the same answer. Storage, sync and the server
 *   use it, so a record accepted on a device is never refused later because a clock or time zone
 *   differs, or because time has passed.
 * - `makeAssetSchema({ today })` adds the rules that need today's date ("last verified" cannot be in
 *   the future). Forms use it when a person enters or changes a record. `assetIssues` is the same
 *   check as plain data.
 */

export const assetKindSchema = z.enum(
	['skill', 'association', 'institution', 'place', 'economic', 'cultural'],
	{
		error: 'Select what kind of asset it is'
	}
);
export type AssetKind = z.infer<typeof assetKindSchema>;

/** Open Referral UK's `service.status`. */
export const assetStatusSchema = z.enum(['active', 'inactive', 'defunct', 'temporarilyClosed'], {
	error: 'Select whether it is active, inactive, temporarily closed or defunct'
});
export type AssetStatus = z.infer<typeof assetStatusSchema>;

export const assetLifecycleStateSchema = z.enum(['draft', 'submitted', 'verified', 'published', 'archived'], {
	error: 'Lifecycle must be draft, submitted, verified, published or archived'
});
export type AssetLifecycleState = z.infer<typeof assetLifecycleStateSchema>;

export const accessibilityFeatureSchema = z.enum(
	[
		'stepFreeAccess',
		'accessibleToilet',
		'hearingLoop',
		'parking',
		'quietSpace',
		'largePrint',
		'bslAvailable',
		'other'
	],
	{ error: 'Select accessibility features from the list' }
);
export type AccessibilityFeature = z.infer<typeof accessibilityFeatureSchema>;

export const servedGroupSchema = z.enum(
	[
		'everyone',
		'olderPeople',
		'children',
		'youngPeople',
		'families',
		'carers',
		'disabledPeople',
		'peopleWithDementia',
		'menOnly',
		'womenOnly',
		'other'
	],
	{ error: 'Select who it serves from the list' }
);
export type ServedGroup = z.infer<typeof servedGroupSchema>;

export const ASSET_KINDS = assetKindSchema.options;
export const ASSET_STATUSES = assetStatusSchema.options;
export const ASSET_LIFECYCLE_STATES = assetLifecycleStateSchema.options;
export const ACCESSIBILITY_FEATURES = accessibilityFeatureSchema.options;
export const SERVED_GROUPS = servedGroupSchema.options;

/** States on the way to, or in, the public directory: from here the record must be complete. */
export const LISTED_STATES: readonly AssetLifecycleState[] = ['submitted', 'verified', 'published'];
/** States in which someone has vouched for the details, so the date they did must be known. */
export const CHECKED_STATES: readonly AssetLifecycleState[] = ['verified', 'published'];

/** A contact nobody can reach is no use in a directory. */
const assetContactSchema = contactSchema.superRefine((contact, ctx) => {
	if (contact.phone === undefined && contact.email === undefined) {
		ctx.addIssue({
			code: 'custom',
			path: ['phone'],
			message: `Enter a phone number or email address for ${contact.name || 'this contact'}`
		});
	}
});

const checkboxes = <T extends string>(item: z.ZodType<T>, message: string) =>
	z
		.array(item)
		.refine((items) => new Set(items).size === items.length, message)
		.default([]);

export const assetSchema = z
	.object({
		kind: assetKindSchema,
		name: requiredText('the name', 150),
		/** Only for a skill: the person who has it. */
		holderName: optionalText("the person's name", 120),
		description: optionalText('the description', 2000),
		status: assetStatusSchema,
		lifecycle: assetLifecycleStateSchema,
		organisation: optionalText('the organisation', 200),
		location: locationSchema.optional(),
		contacts: z.array(assetContactSchema).default([]),
		schedule: scheduleSchema.default([]),
		/** What a weekly schedule cannot say: "term time only", "first Tuesday of the month". */
		scheduleNotes: optionalText('the notes on opening times', 500),
		accessibility: checkboxes(accessibilityFeatureSchema, 'Select each accessibility feature only once'),
		accessibilityOther: optionalText('the other accessibility features', 200),
		whoItServes: checkboxes(servedGroupSchema, 'Select each group only once'),
		whoItServesOther: optionalText('who else it serves', 200),
		/** Open Referral UK taxonomy terms, kept as given until a taxonomy is chosen. */
		taxonomyTerms: z.array(requiredText('the taxonomy term', 100)).default([]),
		/** Open Referral UK's `assured_date`: when someone last checked the details were right. */
		lastVerified: isoDateSchema.optional(),
		// No consent unless someone recorded it.
		consentToPublish: z.boolean({ error: 'Select whether they consent to it being published' }).default(false)
	})
	.superRefine((asset, ctx) => {
		const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		const listed = LISTED_STATES.includes(asset.lifecycle);
		const isSkill = asset.kind === 'skill';

		if (isSkill && !asset.holderName) issue('holderName', 'Enter the name of the person with the skill');
		// A person's name has no purpose on a group or place, so it is not kept there.
		if (!isSkill && asset.holderName) {
			issue('holderName', "Remove the person's name, or change the kind to individual's skill");
		}
		if (isSkill && listed && !asset.consentToPublish) {
			issue('consentToPublish', "A person's skill can only be listed with their consent to publish");
		}
		// A draft may lack a location, so a name typed with no signal or map is not lost.
		if (asset.kind === 'place' && listed && !asset.location) {
			issue('location', 'Add the location of the place');
		}
		if (CHECKED_STATES.includes(asset.lifecycle) && !asset.lastVerified) {
			issue('lastVerified', 'Enter the date the details were last checked');
		}
		if (asset.accessibility.includes('other') && !asset.accessibilityOther) {
			issue('accessibilityOther', 'Describe the other accessibility features');
		}
		if (asset.whoItServes.includes('other') && !asset.whoItServesOther) {
			issue('whoItServesOther', 'Describe who else it serves');
		}
		const serves = new Set(asset.whoItServes);
		if (serves.has('menOnly') && serves.has('womenOnly')) {
			issue('whoItServes', 'Select "Men only" or "Women only", not both');
		} else if (serves.has('everyone') && (serves.has('menOnly') || serves.has('womenOnly'))) {
			issue(
				'whoItServes',
				`Select "Everyone" or "${serves.has('menOnly') ? 'Men only' : 'Women only'}", not both`
			);
		}
	});

export type Asset = z.infer<typeof assetSchema>;

/** Rules that depend on today's date (`YYYY-MM-DD`, the user's local day), as the form lists them. */
export function assetIssues(asset: Pick<Asset, 'lastVerified'>, today: string): FieldError[] {
	assertIsoDate(today);
	const issues: FieldError[] = [];
	if (asset.lastVerified && asset.lastVerified > today) {
		issues.push({ path: 'lastVerified', message: 'The date last verified must be today or in the past' });
	}
	return issues;
}

/** `assetSchema` plus the rules that need today's date: for forms, at the moment a person saves. */
export function makeAssetSchema({ today }: { today: string }) {
	assertIsoDate(today);
	return assetSchema.superRefine((asset, ctx) => {
		for (const { path, message } of assetIssues(asset, today)) {
			ctx.addIssue({ code: 'custom', path: path.split('.'), message });
		}
	});
}
