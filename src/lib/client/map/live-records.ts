import { liveQuery } from 'dexie';
import type { RecordType } from '$lib/domain/records';
import type { DeviceDatabase, StoredRecord } from '../store/database';
import { LAYER_RECORD_TYPES, MAP_LAYERS } from './points';

/** The record types the map reads: one per layer. */
export const MAP_RECORD_TYPES: readonly RecordType[] = MAP_LAYERS.map((layer) => LAYER_RECORD_TYPES[layer]);

/**
 * The records the map draws, read again whenever any of them changes on this device: a save on a form, a
 * download, or a sync, whatever wrote it (Dexie's liveQuery watches the records table itself). Archived
 * records are left out. Returns a function that stops watching.
 */
export function watchMapRecords(
	db: DeviceDatabase,
	onRecords: (records: StoredRecord[]) => void,
	onError: (message: string) => void
): () => void {
	const subscription = liveQuery(() =>
		db.records
			.where('type')
			.anyOf(MAP_RECORD_TYPES as RecordType[])
			.filter((record) => !record.archivedAt)
			.toArray()
	).subscribe({
		next: onRecords,
		error: (error: unknown) =>
			onError(
				`This device could not read its records for the map: ${error instanceof Error ? error.message : String(error)}`
			)
	});
	return () => subscription.unsubscribe();
}
