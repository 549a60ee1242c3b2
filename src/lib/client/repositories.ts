import { ukDate } from '$lib/domain/common/dates';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordType } from '$lib/domain/records';
import { deviceStore } from './device';
import type { DeviceDatabase } from './store/database';
import { DraftStore } from './store/drafts';
import { RecordRepository } from './store/repository';

// Per database: when someone else unlocks, their own store's repositories are made afresh.
const repositories = new WeakMap<
	DeviceDatabase,
	Map<RecordType, RecordRepository<Record<string, unknown>>>
>();
const drafts = new WeakMap<DeviceDatabase, DraftStore>();

/** The unlocked person's repository for one record type (created on first use, shared after). */
export function repository(type: RecordType): RecordRepository<Record<string, unknown>> {
	const db = deviceStore().database;
	let byType = repositories.get(db);
	if (!byType) repositories.set(db, (byType = new Map()));
	let found = byType.get(type);
	if (!found) byType.set(type, (found = new RecordRepository(db, kindOf(type))));
	return found;
}

export function draftStore(): DraftStore {
	const db = deviceStore().database;
	let found = drafts.get(db);
	if (!found) drafts.set(db, (found = new DraftStore(db)));
	return found;
}

/** Today's date where the staff work, whatever the device's time zone. */
export function today(): string {
	return ukDate(new Date());
}
