import { timeline, type BuildContext, type Built } from './context';
import { DAY_MS, isoDay } from './dates';
import { person, phone } from './people';
import type { Place } from './places';

export type FloodContactRole = 'coordinator' | 'deputy' | 'warden' | 'resident' | 'refuge' | 'keyholder';

export type FloodContact = {
	name: string;
	role: FloodContactRole;
	zone?: string;
	cascadeOrder: number;
	phone: string;
};

export type FloodGroupData = {
	name: string;
	town: string;
	zones: string[];
	floodAreaCodes: string[];
	planReviewDate: string;
	contacts: FloodContact[];
	households: number;
};

const NAMES = ['{town} Flood Action Group', '{town} Flood Group', '{town} Community Flood Wardens'];
// Low-lying street names, so small places still have enough distinct zones.
const RIVERSIDE_STREETS = ['Riverside', 'Mill Lane', 'Beck Side', 'Bridge End', 'Low Fold', 'Water Street'];
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function buildFloodGroup(ctx: BuildContext, place: Place): Built<FloodGroupData> {
	const { rng, nowMs } = ctx;
	const { createdMs, updatedMs } = timeline(ctx, 5 * 365);
	const zones = rng
		.sample(zoneStreets(place), rng.int(2, 6))
		.map((street, i) => `Zone ${CAPITALS.charAt(i)} – ${street}`);
	return {
		createdMs,
		updatedMs,
		data: {
			name: rng.pick(NAMES).replace('{town}', place.name),
			town: place.name,
			zones,
			floodAreaCodes: Array.from({ length: rng.int(1, 2) }, () => floodAreaCode(ctx)),
			// Some plans are overdue for review, as in life.
			planReviewDate: isoDay(rng.msBetween(nowMs - 180 * DAY_MS, nowMs + 365 * DAY_MS)),
			contacts: callTree(ctx, zones),
			households: rng.int(15, 350)
		}
	};
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

/**
 * The cascade: the group's own officers first (no zone), then per zone two wardens (as Cockermouth
 * does), some residents and sometimes a refuge. Numbering restarts in each zone, so it is unique there.
 */
function callTree(ctx: BuildContext, zones: readonly string[]): FloodContact[] {
	const contacts: FloodContact[] = [];
	const add = (role: FloodContactRole, cascadeOrder: number, zone?: string) => {
		const who = person(ctx.rng, ctx.nowMs, 25, 85);
		const contact: FloodContact = { name: who.name, role, cascadeOrder, phone: phone(ctx.rng, 0.8) };
		if (zone) contact.zone = zone;
		contacts.push(contact);
	};
	add('coordinator', 1);
	add('deputy', 2);
	add('keyholder', 3);
	for (const zone of zones) {
		const roles: FloodContactRole[] = ['warden', 'warden'];
		for (let i = ctx.rng.int(0, 3); i > 0; i--) roles.push('resident');
		if (ctx.rng.chance(0.3)) roles.push('refuge');
		roles.forEach((role, i) => add(role, i + 1, zone));
	}
	return contacts;
}

/** Environment Agency style, e.g. `011FWFNC6KC` (011 = North West; FWF warning, WAF alert). */
function floodAreaCode(ctx: BuildContext): string {
	const { rng } = ctx;
	const letter = () => CAPITALS.charAt(rng.int(0, 25));
	return `011${rng.pick(['FWF', 'WAF'])}${rng.pick(['NC', 'SC', 'WC'])}${rng.int(1, 9)}${letter()}${letter()}`;
}
