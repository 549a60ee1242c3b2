import { draftStore, repository } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';
import type {
	CallTreeActivation,
	ContactOnFile,
	FloodContact,
	FloodGroup,
	FloodHousehold,
	WithId
} from '$lib/domain/flood';

/** The record types that belong to a flood group and point at it by `groupId`. */
export type PartType = 'floodContact' | 'floodHousehold' | 'floodActivation';

/**
 * A group's contacts, households or activations. The store has no `groupId` index, so this reads
 * the whole type and filters: a county's worth is a few thousand small rows, read in milliseconds.
 */
export async function partsOf(
	type: PartType,
	groupId: string,
	includeArchived = false
): Promise<StoredRecord[]> {
	const rows = await repository(type).list({ includeArchived });
	return rows.filter((row) => row.data.groupId === groupId);
}

// The store validated these against the type's schema when they were written.
export const asGroup = (r: StoredRecord): WithId<FloodGroup> => ({ ...(r.data as FloodGroup), id: r.id });
export const asContact = (r: StoredRecord): ContactOnFile => ({ ...(r.data as FloodContact), id: r.id });
export const asHousehold = (r: StoredRecord): WithId<FloodHousehold> => ({
	...(r.data as FloodHousehold),
	id: r.id
});
export const asActivation = (r: StoredRecord): WithId<CallTreeActivation> => ({
	...(r.data as CallTreeActivation),
	id: r.id
});

export interface GroupOnDevice {
	record: StoredRecord;
	group: WithId<FloodGroup>;
	/** Not archived, every status: the call tree picks the ones it calls. */
	contacts: ContactOnFile[];
}

/** A group and its contacts, or null when this device does not have it. */
export async function loadGroup(id: string): Promise<GroupOnDevice | null> {
	const record = await repository('floodGroup').get(id);
	if (!record) return null;
	const contacts = (await partsOf('floodContact', id)).map(asContact);
	return { record, group: asGroup(record), contacts };
}

/** A form's kept draft, if the person left one; its values are the form's own shape. */
export async function keptDraft<V>(key: string): Promise<V | undefined> {
	const draft = await draftStore().get(key);
	return draft?.values as V | undefined;
}
