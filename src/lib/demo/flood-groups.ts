import { AREAS, type AreaId } from '../domain/areas';
import type { EquipmentStore, FloodGroup, FloodZone, WithId } from '../domain/flood';
import type { RecordEnvelope, RecordType } from '../domain/records';
import { laterThan, type BuildContext, type Built } from './context';
import { DAY_MS, YEAR_MS, isoDay, isoTime } from './dates';
import { buildActivation, type ActivationKind } from './flood-activations';
import { buildContacts, roleSlots, type ContactDraft } from './flood-contacts';
import { buildHousehold, type ZoneStreet } from './flood-households';
import { pickPlace, pointNear, type Place } from './places';
import { riverOf } from './rivers';

const NAMES = ['{town} Flood Action Group', '{town} Flood Group', '{town} Community Flood Wardens'];
// Low-lying street names, so small places still have enough distinct zones.
const RIVERSIDE_STREETS = ['Riverside', 'Mill Lane', 'Beck Side', 'Bridge End', 'Low Fold', 'Water Street'];
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const STORE_SITES = [
	['hall', 'Village hall store'],
	['church', 'Church porch store'],
	['fire-station', 'Fire station garage'],
	['container', 'Riverside container'],
	['school', 'School shed']
] as const;
const STORE_COUNTS = [
	[0, 15],
	[1, 70],
	[2, 15]
] as const;
const STORE_ITEMS = [
	'200 sandbags',
	'12 flood boards',
	'6 head torches',
	'10 hi-vis jackets',
	'4 hand-held radios',
	'2 submersible pumps',
	'First aid kit',
	'Road closed signs'
];
const COUNCILS = new Map(AREAS.map((area) => [area.id, `${area.council} Council`]));

/** A flood group brings its contacts, households and call-tree activations: records of their own. */
type Part = { type: RecordType; id: string; areaId: AreaId; built: Built<Record<string, unknown>> };

/**
 * Flood groups and their parts, exactly `budget` records in all. Each group plans 8–15 contacts, 3–8
 * households and sometimes an activation; the last group keeps only what fits, most needed first.
 * The first group always has an activation that has ended and an overdue plan review, and the second
 * an activation under way (if they fit), so every screen has something to show.
 */
export function buildFloodGroups(
	ctx: BuildContext,
	budget: number,
	areas: readonly AreaId[]
): RecordEnvelope[] {
	const { rng } = ctx;
	const records: RecordEnvelope[] = [];
	let left = budget;
	for (let g = 0; left > 0; g++) {
		const areaId = areas[g % Math.max(1, areas.length)] ?? 'carlisle';
		const planned = {
			contacts: rng.int(8, 15),
			households: rng.int(3, 8),
			activation: activationFor(ctx, g)
		};
		left -= 1;
		const contacts = Math.min(planned.contacts, left);
		left -= contacts;
		const households = Math.min(planned.households, left);
		left -= households;
		const activation = planned.activation && left > 0 ? planned.activation : undefined;
		if (activation) left -= 1;
		const keep = { contacts, households, activation, overdue: g === 0 };
		for (const part of group(ctx, pickPlace(rng, areaId), planned.contacts, keep)) {
			const { createdMs, updatedMs, data } = part.built;
			records.push({
				id: part.id,
				type: part.type,
				areaId: part.areaId,
				createdAt: isoTime(createdMs),
				updatedAt: isoTime(updatedMs),
				data
			});
		}
	}
	return records;
}

function activationFor(ctx: BuildContext, g: number): ActivationKind | undefined {
	if (g === 0) return 'ended';
	if (g === 1) return 'underWay';
	if (!ctx.rng.chance(0.3)) return undefined;
	return ctx.rng.chance(0.1) ? 'underWay' : 'ended';
}

function group(
	ctx: BuildContext,
	place: Place,
	plannedContacts: number,
	keep: { contacts: number; households: number; activation: ActivationKind | undefined; overdue: boolean }
): Part[] {
	const { rng, nowMs } = ctx;
	const id = rng.uuid();
	const createdMs = rng.msBetween(nowMs - 8 * YEAR_MS, nowMs - 400 * DAY_MS);
	const zoneCount = rng.int(2, Math.min(4, Math.floor((plannedContacts - 3) / 2)));
	const streets = rng.sample(zoneStreets(place), zoneCount);
	const zones: FloodZone[] = streets.map((street, i) => {
		const zone: FloodZone = {
			id: CAPITALS.charAt(i).toLowerCase(),
			name: `Zone ${CAPITALS.charAt(i)} – ${street}`
		};
		if (rng.chance(0.3)) zone.description = `Properties along ${street}`;
		return zone;
	});
	const zoneStreetList: ZoneStreet[] = zones.map((zone, i) => ({
		zoneId: zone.id,
		street: streets[i] ?? zone.name
	}));
	const slots = roleSlots(ctx, zones.length, plannedContacts);
	const contactIds = Array.from({ length: keep.contacts }, () => rng.uuid());
	const facts = {
		id,
		zoneIds: zones.map((zone) => zone.id),
		createdMs,
		council: COUNCILS.get(place.areaId) ?? 'the council'
	};
	const contacts = buildContacts(ctx, facts, slots, contactIds);
	const river = riverOf(place);
	const data: FloodGroup = {
		name: rng.pick(NAMES).replace('{town}', place.name),
		town: place.name,
		zones,
		floodAreaCodes: floodAreaCodes(ctx),
		// Some plans are overdue for review, as in life.
		planReviewDate: isoDay(
			keep.overdue
				? nowMs - rng.int(10, 150) * DAY_MS
				: rng.msBetween(nowMs - 180 * DAY_MS, nowMs + 365 * DAY_MS)
		),
		equipmentStores: stores(ctx, place, contacts)
	};
	if (rng.chance(0.5)) data.notes = `Trigger: Environment Agency flood warning for the ${river}.`;
	const areaId = place.areaId;
	const parts: Part[] = [
		{ type: 'floodGroup', id, areaId, built: { createdMs, updatedMs: laterThan(ctx, createdMs), data } }
	];
	for (const c of contacts) parts.push({ type: 'floodContact', id: c.id, areaId, built: c });
	for (let i = 0; i < keep.households; i++) {
		const built = buildHousehold(ctx, id, createdMs, place, zoneStreetList, contacts);
		parts.push({ type: 'floodHousehold', id: rng.uuid(), areaId, built });
	}
	if (keep.activation) {
		const withId: WithId<FloodGroup> = { ...data, id };
		const built = buildActivation(ctx, withId, createdMs, contacts, river, keep.activation);
		parts.push({ type: 'floodActivation', id: rng.uuid(), areaId, built });
	}
	return parts;
}

/** Where the sandbags are, and who has a key: the keyholder and often the coordinator. */
function stores(ctx: BuildContext, place: Place, contacts: readonly ContactDraft[]): EquipmentStore[] {
	const { rng } = ctx;
	const count = rng.weighted(STORE_COUNTS);
	const holders = contacts.filter((c) => c.data.role === 'keyholder' || c.data.role === 'coordinator');
	return rng.sample(STORE_SITES, count).map(([storeId, name]) => {
		const keyholders = holders.filter((c) => c.data.role === 'keyholder' || rng.chance(0.5));
		return {
			id: storeId,
			name,
			location: { ...pointNear(rng, place, 800), accuracyM: rng.int(5, 20) },
			keyholderContactIds: keyholders.map((c) => c.id),
			items: rng.sample(STORE_ITEMS, rng.int(2, 5))
		};
	});
}

/** Environment Agency style, e.g. `011FWFNC6KC` (011 = North West; FW warning area, WA alert area). */
function floodAreaCodes(ctx: BuildContext): string[] {
	const { rng } = ctx;
	const letter = () => CAPITALS.charAt(rng.int(0, 25));
	const local = `${rng.pick(['NC', 'SC', 'WC'])}${rng.int(1, 9)}${letter()}${letter()}`;
	const codes = [`011FWF${local}`];
	// The alert area around the warning area, when there is one: a distinct code by construction.
	if (rng.chance(0.5)) codes.push(`011WAF${local.slice(0, 2)}${letter()}${letter()}`);
	return codes;
}

const ZONE_STREETS = new Map<Place, readonly string[]>();

function zoneStreets(place: Place): readonly string[] {
	let streets = ZONE_STREETS.get(place);
	if (!streets) {
		streets = [...new Set([...place.streets, ...RIVERSIDE_STREETS])];
		ZONE_STREETS.set(place, streets);
	}
	return streets;
}
