import { z } from 'zod';
import { requiredText } from '$lib/domain/common/fields';
import type { RecordKind } from '$lib/domain/kinds';
import { fieldCipher, newDataKey, type FieldCipher } from '../vault/cipher';
import type { Conflict } from '$lib/domain/sync/protocol';
import { DeviceDatabase, type OutboxEntry, type RefusedChange, type StoredRecord } from './database';
import type { RepositoryOptions } from './repository';

/** Test support: a small real record type, so the store is tested apart from any one domain's rules. */
export const noteSchema = z.object({
	title: requiredText('a title'),
	status: z.enum(['open', 'done']),
	owner: z.string().optional(),
	tags: z.array(z.string()).default([])
});
export type Note = z.infer<typeof noteSchema>;
export const noteKind: RecordKind<Note> = {
	type: 'asset',
	schema: noteSchema,
	status: (n) => n.status,
	assignee: (n) => n.owner,
	searchText: (n) => `${n.title} ${n.tags.join(' ')}`,
	statusLabels: { open: 'Open', done: 'Done' },
	title: (n) => n.title,
	detail: (n) => n.tags.join(', '),
	needsAttention: () => []
};

/** A clock that moves one second per reading from 23 November 2026, 09:00 UTC, and ids numbered from 1001. */
export function steppedOptions(): Required<Pick<RepositoryOptions, 'now' | 'newId'>> {
	let seconds = 0;
	let ids = 0;
	return {
		now: () => new Date(Date.UTC(2026, 10, 23, 9, 0, seconds++)).toISOString(),
		newId: () => testId(1000 + ++ids)
	};
}

/** A valid UUID from a number, easy to read in failures. */
export const testId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Test support: a real field cipher under a fresh random key, made on first use. */
export function testCipher(): FieldCipher {
	const cipher = newDataKey().then(fieldCipher);
	return {
		seal: async (value) => (await cipher).seal(value),
		open: async (sealed) => (await cipher).open(sealed)
	};
}

/** Test support: a device database of its own (the name prefixed), sealed under a test cipher. */
export function testDatabase(prefix: string, cipher: FieldCipher = testCipher()): DeviceDatabase {
	return new DeviceDatabase(`${prefix}-${Math.random()}`, { cipher });
}

/** The same database opened again, as after a reload, by the same user (same cipher). */
export function reopened(db: DeviceDatabase): DeviceDatabase {
	return new DeviceDatabase(db.name, { cipher: db.cipher });
}

/** Test support: what a device holds, read back and opened as the app sees it. */
export function storedIn(db: DeviceDatabase) {
	return {
		records: async () => db.seal.openRecords(await db.records.orderBy('id').toArray()),
		record: async (id: string) => {
			const row = await db.records.get(id);
			return row ? db.seal.openRecord(row) : undefined;
		},
		outbox: async () => db.seal.openEntries(await db.outbox.orderBy('seq').toArray()),
		refused: async () => db.seal.openRefused(await db.refused.orderBy('id').toArray()),
		conflicts: async () => db.seal.openConflicts(await db.conflicts.orderBy('id').toArray()),
		conflict: async (id: string) => {
			const row = await db.conflicts.get(id);
			return row ? (await db.seal.openConflicts([row]))[0] : undefined;
		}
	};
}

/** Test support: rows put straight into a device's tables, sealed as the app would. */
export function storeIn(db: DeviceDatabase) {
	return {
		records: async (records: StoredRecord[]) => db.records.bulkPut(await db.seal.records(records)),
		outbox: async (entries: OutboxEntry[]) => db.outbox.bulkAdd(await db.seal.entries(entries)),
		refused: async (refused: RefusedChange[]) => db.refused.bulkAdd(await db.seal.refused(refused)),
		conflicts: async (conflicts: Conflict[]) => db.conflicts.bulkPut(await db.seal.conflicts(conflicts))
	};
}
