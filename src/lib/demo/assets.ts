import { AREAS } from '../domain/areas';
import {
	ACCESSIBILITY_FEATURES,
	type AccessibilityFeature,
	type Asset,
	type AssetKind,
	type AssetLifecycleState,
	type AssetStatus
} from '../domain/asset';
import { TEMPLATES, SKILLS, OTHER_ACCESSIBILITY, type AssetTemplate } from './asset-templates';
import { laterThan, type BuildContext, type Built } from './context';
import { DAY_MS, YEAR_MS, isoDay } from './dates';
import { email, person, phone, type Person } from './people';
import { address, pointNear, type Place } from './places';

type AssetContact = Asset['contacts'][number];

const KIND_WEIGHTS: readonly (readonly [AssetKind, number])[] = [
	['association', 30],
	['place', 18],
	['institution', 15],
	['skill', 15],
	['economic', 12],
	['cultural', 10]
];

const STATUS_WEIGHTS: readonly (readonly [AssetStatus, number])[] = [
	['active', 82],
	['temporarilyClosed', 6],
	['inactive', 7],
	['defunct', 5]
];

const LIFECYCLE_WEIGHTS: readonly (readonly [AssetLifecycleState, number])[] = [
	['published', 55],
	['verified', 10],
	['submitted', 10],
	['draft', 18],
	['archived', 7]
];

// Everything but `other`, which needs words of its own.
const CODED_FEATURES = ACCESSIBILITY_FEATURES.filter((feature) => feature !== 'other');
const COUNCILS = new Map(AREAS.map((area) => [area.id, `${area.council} Council`]));
const MONTH_MS = YEAR_MS / 12;

/**
 * How old an asset's record is, and when it was last checked, by lifecycle. Published details are
 * checked yearly, so those last checked 12 to 15 months ago are due again and show in "needs attention".
 */
function dates(ctx: BuildContext, lifecycle: AssetLifecycleState) {
	const { rng, nowMs } = ctx;
	const createdMs = rng.msBetween(
		nowMs - (lifecycle === 'submitted' ? 60 : lifecycle === 'draft' ? 365 : 4 * 365) * DAY_MS,
		nowMs - DAY_MS
	);
	if (lifecycle === 'published' || lifecycle === 'verified') {
		const since = nowMs - (lifecycle === 'verified' ? 2 * MONTH_MS : 15 * MONTH_MS);
		const verifiedMs = rng.msBetween(Math.max(createdMs, since), nowMs);
		return { createdMs, updatedMs: laterThan(ctx, verifiedMs), verifiedMs };
	}
	const updatedMs = laterThan(ctx, createdMs);
	// An archived listing was once checked; drafts and submissions have not been yet.
	if (lifecycle === 'archived' && rng.chance(0.6)) {
		return { createdMs, updatedMs, verifiedMs: rng.msBetween(createdMs, updatedMs) };
	}
	return { createdMs, updatedMs };
}

export function buildAsset(ctx: BuildContext, place: Place): Built<Asset> {
	const { rng } = ctx;
	const kind = rng.weighted(KIND_WEIGHTS);
	const status = rng.weighted(STATUS_WEIGHTS);
	const lifecycle: AssetLifecycleState = status === 'defunct' ? 'archived' : rng.weighted(LIFECYCLE_WEIGHTS);
	const { createdMs, updatedMs, verifiedMs } = dates(ctx, lifecycle);
	const data = kind === 'skill' ? skill(ctx) : group(ctx, kind, place);
	data.status = status;
	data.lifecycle = lifecycle;
	// A person's skill is listed only with their consent, which a draft may still be waiting for;
	// a group's details are published only once the group has agreed.
	data.consentToPublish =
		kind === 'skill'
			? lifecycle !== 'draft' || rng.chance(0.6)
			: lifecycle === 'published' || rng.chance(0.9);
	if (verifiedMs !== undefined) data.lastVerified = isoDay(verifiedMs);
	return { createdMs, updatedMs, data };
}

/** Fields every asset has, in stored form: lists present even when empty. */
function base(kind: AssetKind, name: string, contacts: AssetContact[]): Asset {
	return {
		kind,
		name,
		status: 'active',
		lifecycle: 'draft',
		contacts,
		schedule: [],
		accessibility: [],
		whoItServes: [],
		taxonomyTerms: [],
		consentToPublish: false
	};
}

/** A person's skill: listed under the skill, with the person as holder and no home location. */
function skill(ctx: BuildContext): Asset {
	const template = ctx.rng.pick(SKILLS);
	const holder = person(ctx.rng, ctx.nowMs, 25, 80);
	const data = base('skill', template.skill, [contact(ctx, holder)]);
	data.holderName = holder.name;
	data.description = template.description;
	data.scheduleNotes = template.when;
	data.whoItServes = ['everyone'];
	return data;
}

function group(ctx: BuildContext, kind: Exclude<AssetKind, 'skill'>, place: Place): Asset {
	const { rng, nowMs } = ctx;
	const template: AssetTemplate = rng.pick(TEMPLATES[kind]);
	const contacts = [contact(ctx, person(rng, nowMs, 25, 80))];
	if (rng.chance(0.4)) contacts.push(contact(ctx, person(rng, nowMs, 25, 80)));
	const data = base(kind, fill(template.name, place), contacts);
	data.description = template.description;
	if (template.organisation) data.organisation = fill(template.organisation, place);
	const spot = address(rng, place);
	const { lat, lon } = pointNear(rng, place);
	data.location = {
		lat,
		lon,
		accuracyM: rng.int(3, 50),
		postcode: spot.postcode,
		// The town is part of the address line, as people write it: the schema has no town of its own.
		address: `${spot.line1}, ${place.name}`
	};
	if (template.schedule)
		data.schedule = template.schedule.map((entry) => ({ ...entry, days: [...entry.days] }));
	if (template.scheduleNotes) data.scheduleNotes = template.scheduleNotes;
	data.whoItServes = [...template.serves];
	if (template.servesOther) {
		// A group no code names is ticked as `other` and described.
		if (!data.whoItServes.includes('other')) data.whoItServes.push('other');
		data.whoItServesOther = template.servesOther;
	}
	if (template.taxonomy) data.taxonomyTerms = [template.taxonomy];
	const features = new Set<AccessibilityFeature>(rng.sample(CODED_FEATURES, rng.int(0, 3)));
	if (rng.chance(0.12)) {
		features.add('other');
		data.accessibilityOther = rng.pick(OTHER_ACCESSIBILITY);
	}
	// In the form's order, as a person ticking boxes would leave them.
	data.accessibility = ACCESSIBILITY_FEATURES.filter((feature) => features.has(feature));
	return data;
}

function fill(template: string, place: Place): string {
	return template.replace('{town}', place.name).replace('{council}', COUNCILS.get(place.areaId) ?? '');
}

/** A contact with at least one way to reach them. */
function contact(ctx: BuildContext, who: Person): AssetContact {
	const { rng } = ctx;
	const withPhone = rng.chance(0.85);
	const result: AssetContact = { name: who.name };
	if (withPhone) result.phone = phone(rng);
	if (!withPhone || rng.chance(0.4)) result.email = email(rng, who);
	return result;
}
