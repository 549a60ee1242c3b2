import { z } from 'zod';
import { isoDateSchema, locationSchema, optionalText, requiredText } from '../common';
import { repeats } from './lists';

/**
 * A community flood group and its plan. Contacts, households and call-tree activations are separate
 * records that point here by `groupId`, so two wardens editing on two phones never touch the same record.
 */

/**
 * Zone and store ids are short and never change: contacts and households refer to them, so renaming
 * "Zone A – Main Street" must not cut them off.
 */
const localId = (what: string) =>
	z
		.string({ error: `Enter a ${what} id, like a` })
		.regex(
			/^[a-z0-9][a-z0-9-]{0,19}$/,
			`A ${what} id is up to 20 lower-case letters, digits or dashes, like a`
		);

export const zoneIdSchema = localId('zone');

export const FLOOD_AREA_CODE_MESSAGE = 'Enter an Environment Agency flood area code, like 011FWFNC6KC';

/**
 * Environment Agency flood area codes: 3-digit area, `FW` (warning area) or `WA` (alert area), then the
 * area's own letters and digits, e.g. `011FWFNC6KC`, `013WAFUI`. Spaces people type are dropped and the
 * fixed prefix is upper-cased; the area's own part keeps its case, because outside Cumbria the EA's ids
 * mix cases (`061WAF07Cole`) and must match its API exactly.
 */
export function normaliseFloodAreaCode(input: string): string | null {
	const compact = input.replace(/\s+/g, '');
	const code = compact.slice(0, 5).toUpperCase() + compact.slice(5);
	return /^\d{3}(FW|WA)[A-Za-z0-9]{1,20}$/.test(code) ? code : null;
}

export const floodAreaCodeSchema = z.string({ error: FLOOD_AREA_CODE_MESSAGE }).transform((value, ctx) => {
	const code = normaliseFloodAreaCode(value);
	if (!code) {
		ctx.addIssue({ code: 'custom', message: FLOOD_AREA_CODE_MESSAGE });
		return z.NEVER;
	}
	return code;
});

export const floodZoneSchema = z.object({
	id: zoneIdSchema,
	name: requiredText('the zone name', 100),
	description: optionalText('the zone description', 500)
});
export type FloodZone = z.infer<typeof floodZoneSchema>;

export const equipmentStoreSchema = z
	.object({
		id: localId('store'),
		name: requiredText('the store name', 100),
		location: locationSchema.optional(),
		keyholderContactIds: z
			.array(z.uuid({ error: "Choose a keyholder from the group's contacts" }))
			.default([]),
		items: z.array(requiredText('the item', 100)).default([])
	})
	.superRefine((store, ctx) => {
		for (const i of repeats(store.keyholderContactIds, (id) => id)) {
			ctx.addIssue({
				code: 'custom',
				path: ['keyholderContactIds', i],
				message: 'This keyholder is listed twice'
			});
		}
	});
export type EquipmentStore = z.infer<typeof equipmentStoreSchema>;

const AT_LEAST_ONE_ZONE = 'Add at least one zone, like Zone A – Main Street';

export const floodGroupSchema = z
	.object({
		name: requiredText('the group name', 120),
		town: requiredText('the town or parish', 100),
		zones: z.array(floodZoneSchema, { error: AT_LEAST_ONE_ZONE }).min(1, AT_LEAST_ONE_ZONE),
		floodAreaCodes: z.array(floodAreaCodeSchema).default([]),
		planReviewDate: isoDateSchema,
		equipmentStores: z.array(equipmentStoreSchema).default([]),
		notes: optionalText('the notes', 5000)
	})
	.superRefine((group, ctx) => {
		for (const i of repeats(group.zones, (zone) => zone.id)) {
			ctx.addIssue({
				code: 'custom',
				path: ['zones', i, 'id'],
				message: `Another zone already has the id ${group.zones[i]?.id}`
			});
		}
		// "Zone A" and "zone a " would read as the same zone on a warden's phone.
		for (const i of repeats(group.zones, (zone) => zone.name.toLowerCase())) {
			ctx.addIssue({
				code: 'custom',
				path: ['zones', i, 'name'],
				message: `Another zone is already called ${group.zones[i]?.name}`
			});
		}
		for (const i of repeats(group.floodAreaCodes, (code) => code.toUpperCase())) {
			ctx.addIssue({
				code: 'custom',
				path: ['floodAreaCodes', i],
				message: `${group.floodAreaCodes[i]} is listed twice`
			});
		}
		for (const i of repeats(group.equipmentStores, (store) => store.id)) {
			ctx.addIssue({
				code: 'custom',
				path: ['equipmentStores', i, 'id'],
				message: `Another store already has the id ${group.equipmentStores[i]?.id}`
			});
		}
	});
export type FloodGroup = z.infer<typeof floodGroupSchema>;
export type FloodGroupInput = z.input<typeof floodGroupSchema>;

/** A record's data with its envelope id: what lists, rules and the call tree work on. */
export type WithId<T> = T & { id: string };
