import { z } from 'zod';
import { areaIdSchema } from '$lib/domain/areas';
import type { Location } from '$lib/domain/common';
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
	/** Not edited here yet; kept as it was so saving the form does not lose it. */
	location?: Location;
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
				keyholderContactIds: [...store.keyholderContactIds]
			};
			if (store.location) values.location = store.location;
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
	return cleanFormValues(values) ?? {};
}
