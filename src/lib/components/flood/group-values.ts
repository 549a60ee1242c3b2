import { z } from 'zod';
import { areaIdSchema } from '$lib/domain/areas';
import {
	emptyLocation,
	locationExtras,
	locationFromRecord,
	readLocation,
	type LocationValue
} from '$lib/components/form/location-value';
import type { FieldError, Location } from '$lib/domain/common';
import { floodGroupSchema, type FloodGroup } from '$lib/domain/flood';
import { cleanFormValues } from '$lib/client/form-values';
import { compact, newLocalId } from './values';

export interface ZoneValues {
	/** Given when the zone is added and never changed: contacts and households point at it. */
	id: string;
	name: string;
	description: string;
}

export interface StoreValues {
	id: string;
	name: string;
	items: string[];
	keyholderContactIds: string[];
	/** Where the store is: typed, from the device, or picked on the map. */
	location: LocationValue;
	/** The saved location, for what the form does not show of it (UPRN, address). */
	saved?: Location;
}

/** How many contacts and households point at a zone. */
export interface ZoneUse {
	contacts: number;
	households: number;
}

export interface GroupValues {
	areaId: string | undefined;
	name: string;
	town: string;
	zones: ZoneValues[];
	floodAreaCodes: string[];
	planReviewDate: string;
	equipmentStores: StoreValues[];
	notes: string;
}

/** The group's area is the record's envelope, not its data: checked alongside it, in page order. */
export const groupFormSchema = z.intersection(z.object({ areaId: areaIdSchema }), floodGroupSchema);

export function groupValues(group?: FloodGroup, areaId?: string): GroupValues {
	if (!group) {
		return {
			areaId: undefined,
			name: '',
			town: '',
			// One zone to start: every group has at least one, and an empty row shows what to fill in.
			zones: [{ id: newLocalId(), name: '', description: '' }],
			floodAreaCodes: [],
			planReviewDate: '',
			equipmentStores: [],
			notes: ''
		};
	}
	return {
		areaId,
		name: group.name,
		town: group.town,
		zones: group.zones.map((zone) => ({ id: zone.id, name: zone.name, description: zone.description ?? '' })),
		floodAreaCodes: [...group.floodAreaCodes],
		planReviewDate: group.planReviewDate,
		equipmentStores: group.equipmentStores.map((store) => {
			const values: StoreValues = {
				id: store.id,
				name: store.name,
				items: [...store.items],
				keyholderContactIds: [...store.keyholderContactIds],
				location: locationFromRecord(store.location)
			};
			if (store.location) values.saved = store.location;
			return values;
		}),
		notes: group.notes ?? ''
	};
}

/** Blank list rows go before validation, from the form itself, so error paths match the inputs. */
export function tidyGroupValues(values: GroupValues): void {
	values.floodAreaCodes = compact(values.floodAreaCodes);
	for (const store of values.equipmentStores) store.items = compact(store.items);
}

export function prepareGroup(values: GroupValues): unknown {
	const { equipmentStores, ...rest } = values;
	const stores = equipmentStores.map(({ location, saved, ...store }) => {
		const reading = readLocation(location);
		// An unreadable position is reported by storeLocationErrors; the rest of the store still checks.
		const point = reading.ok ? reading.location : saved;
		return { ...store, ...(point ? { location: { ...locationExtras(saved), ...point } } : {}) };
	});
	return cleanFormValues({ ...rest, equipmentStores: stores }) ?? {};
}

/** Store positions that cannot be read, for the error summary. */
export function storeLocationErrors(values: GroupValues): FieldError[] {
	return values.equipmentStores.flatMap((store, i) => {
		const reading = readLocation(store.location);
		return reading.ok ? [] : [{ path: `equipmentStores.${i}.location`, message: reading.error }];
	});
}

/** A kept draft from before stores had a location field: their saved point becomes the field's value. */
export function upgradeGroupDraft(values: GroupValues): GroupValues {
	return {
		...values,
		equipmentStores: values.equipmentStores.map((store) => {
			const location: unknown = store.location;
			if (
				location &&
				typeof location === 'object' &&
				typeof (location as LocationValue).position === 'string'
			) {
				return store;
			}
			const saved = location && typeof location === 'object' ? (location as Location) : undefined;
			return { ...store, location: saved ? locationFromRecord(saved) : emptyLocation(), saved };
		})
	};
}
