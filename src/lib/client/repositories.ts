import { ukDate } from '$lib/domain/common/dates';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordType } from '$lib/domain/records';
import { deviceStore } from './device';
import { DraftStore } from './store/drafts';
import { RecordRepository } from './store/repository';

const repositories = new Map<RecordType, RecordRepository<Record<string, unknown>>>();
let drafts: DraftStore | undefined;

/** The device repository for one record type (created on first use, shared after). */
export function repository(type: RecordType): RecordRepository<Record<string, unknown>> {
	let found = repositories.get(type);
	if (!found) {
		found = new RecordRepository(deviceStore().database, kindOf(type));
		repositories.set(type, found);
	}
	return found;
}

export function draftStore(): DraftStore {
	drafts ??= new DraftStore(deviceStore().database);
	return drafts;
}

/** Today's date where the staff work, whatever the device's time zone. */
export function today(): string {
	return ukDate(new Date());
}
