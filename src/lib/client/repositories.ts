import { ukDate } from '$lib/domain/common/dates';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordType } from '$lib/domain/records';
import { deviceStore } from './device';
import type { DeviceDatabase, StoredRecord } from './store/database';
import { DraftStore } from './store/drafts';
import { RecordRepository } from './store/repository';
import { ViewLog } from './store/views';

// Per database: when someone else unlocks, their own store's repositories are made afresh.
const repositories = new WeakMap<
	DeviceDatabase,
	Map<RecordType, RecordRepository<Record<string, unknown>>>
>();
const drafts = new WeakMap<DeviceDatabase, DraftStore>();
const views = new WeakMap<DeviceDatabase, ViewLog>();

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

/**
 * The record a person opens on screen. Opening a visit, referral or flood household or contact is
 * noted for the audit log (reported at the next sync); a failure to note it never hides the record.
 */
export async function openRecord(type: RecordType, id: string): Promise<StoredRecord | undefined> {
	const record = await repository(type).get(id);
	if (record) {
		const db = deviceStore().database;
		let log = views.get(db);
		if (!log) views.set(db, (log = new ViewLog(db)));
		await log.note(record).catch((error: unknown) => console.warn('Could not note a view', error));
	}
	return record;
}

/** Today's date where the staff work, whatever the device's time zone. */
export function today(): string {
	return ukDate(new Date());
}
