import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDatabase, StoredRecord } from '$lib/client/store/database';
import { RecordRepository, ValidationFailed } from '$lib/client/store/repository';
import { noteKind, steppedOptions, testId, storedIn, storeIn, testDatabase } from '$lib/client/store/testing';
import { readSyncDetails } from '$lib/client/sync/ui/sync-details';
import type { Conflict } from '$lib/domain/sync/protocol';
import { settle } from './settle';

let db: DeviceDatabase;
let notes: RecordRepository<Record<string, unknown>>;
let record: StoredRecord;
let conflicts = 0;

const OTHER_DEVICE = '22222222-2222-4222-8222-222222222222';
const stamp = (ms: number) => `${String(ms).padStart(15, '0')}-0000-${OTHER_DEVICE}`;

function conflict(field: string, kept: unknown, other: unknown): Conflict {
	const side = (value: unknown, ms: number) => ({
		value,
		hlc: stamp(ms),
		clientId: OTHER_DEVICE,
		deviceName: "Sam's tablet",
		staffId: null
	});
	return {
		id: testId(900 + ++conflicts),
		recordId: record.id,
		type: 'asset',
		areaId: 'eden',
		field,
		status: 'open',
		kept: side(kept, 2),
		other: side(other, 1),
		detectedAt: '2026-11-23T09:30:00.000Z',
		resolvedAt: null,
		resolvedBy: null
	};
}

beforeEach(async () => {
	db = testDatabase('settle');
	notes = new RecordRepository(db, noteKind, steppedOptions()) as unknown as RecordRepository<
		Record<string, unknown>
	>;
	record = await notes.create('eden', { title: 'Hall', status: 'open', owner: 'Sam' });
	await db.outbox.clear();
});

const latest = async () => (await storedIn(db).outbox()).at(-1);
const current = async () => (await notes.get(record.id)) as StoredRecord;

describe('settle', () => {
	it('writes the chosen value as an ordinary change that resolves the conflict', async () => {
		const c = conflict('title', 'Hall', 'Village hall');
		await storeIn(db).conflicts([c]);
		expect((await readSyncDetails(db)).conflicts.map((x) => x.id)).toEqual([c.id]);

		await settle(notes, await current(), c, { value: 'Village hall' });

		expect(await latest()).toMatchObject({ op: 'update', set: { title: 'Village hall' }, resolves: [c.id] });
		expect((await current()).data.title).toBe('Village hall');
		const details = await readSyncDetails(db);
		expect(details.conflicts).toEqual([]);
		expect(details.settledHere).toBe(1);
	});

	it('keeping the value the record holds only resolves', async () => {
		const c = conflict('title', 'Hall', 'Village hall');
		await settle(notes, await current(), c, { value: 'Hall' });
		expect(await latest()).toMatchObject({ op: 'update', set: {}, resolves: [c.id] });
	});

	it('clears a field when the chosen or typed value is blank', async () => {
		const c = conflict('owner', 'Sam', null);
		await settle(notes, await current(), c, { value: '   ' });
		expect(await latest()).toMatchObject({ set: { owner: null }, resolves: [c.id] });
		expect((await current()).data.owner).toBeUndefined();
	});

	it('refuses a value that breaks the rules and writes nothing', async () => {
		const c = conflict('title', 'Hall', 'Village hall');
		await expect(settle(notes, await current(), c, { value: '' })).rejects.toBeInstanceOf(ValidationFailed);
		expect(await db.outbox.count()).toBe(0);
		expect((await current()).data.title).toBe('Hall');
	});

	it('restores an archived record, or keeps it archived, settling the conflict either way', async () => {
		await notes.archive(record.id);
		await db.outbox.clear();
		const keep = conflict('@archived', true, { title: 'Hall' });
		await settle(notes, await current(), keep, { archived: true });
		expect(await latest()).toMatchObject({ op: 'update', set: {}, resolves: [keep.id] });

		const restore = conflict('@archived', true, { title: 'Hall' });
		await settle(notes, await current(), restore, { archived: false });
		expect(await latest()).toMatchObject({ op: 'restore', resolves: [restore.id] });
		expect((await current()).archivedAt).toBeUndefined();
	});

	it('will not settle an archiving conflict with a value, or a field conflict by archiving', async () => {
		await expect(
			settle(notes, await current(), conflict('@archived', true, false), { value: 1 })
		).rejects.toThrow('is about archiving');
		await expect(
			settle(notes, await current(), conflict('title', 'a', 'b'), { archived: true })
		).rejects.toThrow('is not about archiving');
	});
});

describe('readSyncDetails', () => {
	it('reads what waits, what was refused and open conflicts with their records', async () => {
		await notes.update(record.id, { title: 'Hall', status: 'done', owner: 'Sam' });
		const waiting = await latest();
		await storeIn(db).refused([{ entry: waiting!, reason: 'No', at: '2026-11-23T10:00:00.000Z' }]);
		const open = conflict('title', 'Hall', 'Village hall');
		await storeIn(db).conflicts([open, { ...conflict('owner', 'a', 'b'), status: 'resolved' }]);

		const details = await readSyncDetails(db);
		expect(details.waiting).toHaveLength(1);
		expect(details.refused.map((r) => r.reason)).toEqual(['No']);
		expect(details.conflicts.map((c) => c.id)).toEqual([open.id]);
		expect([...details.records.keys()]).toEqual([record.id]);
		expect(details.clientId).toMatch(/^[0-9a-f-]{36}$/);
	});
});
