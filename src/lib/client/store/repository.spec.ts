import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDatabase } from './database';
import { DeviceStore } from './device-store';
import { RecordNotFound, RecordRepository, ValidationFailed } from './repository';
import { StorageFull } from './storage-full';
import { noteKind, steppedOptions, storedIn, testCipher, testDatabase, type Note } from './testing';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;

beforeEach(() => {
	db = testDatabase('repo');
	notes = new RecordRepository(db, noteKind, steppedOptions());
});
afterEach(async () => {
	await db.delete();
});

describe('writes', () => {
	it('creates a record and its outbox entry together', async () => {
		const note = await notes.create('eden', { title: ' Hall open day ', status: 'open' });
		expect(note).toMatchObject({
			type: 'asset',
			areaId: 'eden',
			status: 'open',
			data: { title: 'Hall open day', tags: [] }
		});
		expect(await storedIn(db).record(note.id)).toEqual(note);
		expect(await storedIn(db).outbox()).toEqual([
			{
				seq: 1,
				recordId: note.id,
				type: 'asset',
				op: 'create',
				set: note.data,
				area: 'eden',
				hlc: expect.stringMatching(/^001795424400000-0000-/),
				base: { title: null, status: null, tags: null, '@area': null, '@archived': null },
				at: note.createdAt,
				// Numbered as saved, so that a push need not write it again (see sync/push).
				mutationId: 1
			}
		]);
	});

	it('refuses invalid data with field errors and writes nothing', async () => {
		const attempt = notes.create('eden', { title: '', status: 'maybe' });
		await expect(attempt).rejects.toBeInstanceOf(ValidationFailed);
		const error = (await attempt.catch((e: unknown) => e)) as ValidationFailed;
		expect(error.errors.map((e) => e.path)).toEqual(['title', 'status']);
		expect(error.errors[0]?.message).toBe('Enter a title');
		expect(await db.records.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('queues only the fields an edit changed, and nothing for an edit that changes nothing', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open', tags: ['hall'] });
		const edited = await notes.update(note.id, { ...note.data, status: 'done', owner: 'sam' });
		expect(edited).toMatchObject({ status: 'done', assignee: 'sam' });
		expect((await storedIn(db).outbox()).at(-1)).toMatchObject({
			op: 'update',
			set: { status: 'done', owner: 'sam' }
		});

		await notes.update(note.id, { ...edited.data });
		expect(await db.outbox.count()).toBe(2);
	});

	it('records a move to another area, and a cleared field as null', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open', owner: 'sam' });
		await notes.update(note.id, { title: 'Open day', status: 'open' }, 'carlisle');
		expect((await storedIn(db).outbox()).at(-1)).toMatchObject({ set: { owner: null }, area: 'carlisle' });
		expect((await notes.get(note.id))?.assignee).toBeUndefined();
	});

	it('says the storage is full when it is, and loses neither half: the record is not saved either', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		const clockBefore = await db.meta.get('sync.clock');
		db.outbox.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const attempt = notes.update(note.id, { ...note.data, title: 'Changed' });
		await expect(attempt).rejects.toBeInstanceOf(StorageFull);
		await expect(attempt).rejects.toThrow("This device's storage is full");
		expect((await notes.get(note.id))?.data.title).toBe('Open day');
		expect(await db.outbox.count()).toBe(1);
		expect(await db.meta.get('sync.clock')).toEqual(clockBefore);
	});

	it('archives instead of deleting, refuses edits while archived, and restores', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await notes.archive(note.id);
		expect(await notes.list()).toEqual([]);
		expect(await notes.list({ includeArchived: true })).toHaveLength(1);
		await expect(notes.update(note.id, { ...note.data, title: 'x' })).rejects.toThrow(
			'Restore this record before editing it'
		);
		await notes.restore(note.id);
		expect(await notes.list()).toHaveLength(1);
		expect((await storedIn(db).outbox()).map((e) => e.op)).toEqual(['create', 'archive', 'restore']);
	});

	it('archives with changed data in one write and one outbox entry, or not at all', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await expect(notes.archive(note.id, { ...note.data, status: 'closed-ish' })).rejects.toBeInstanceOf(
			ValidationFailed
		);
		expect((await notes.get(note.id))?.archivedAt).toBeUndefined();

		const archived = await notes.archive(note.id, { ...note.data, status: 'done' });
		expect(archived).toMatchObject({ status: 'done', archivedAt: expect.any(String) });
		expect((await storedIn(db).outbox()).at(-1)).toMatchObject({ op: 'archive', set: { status: 'done' } });
		expect(await db.outbox.count()).toBe(2);

		const restored = await notes.restore(note.id, { ...note.data, status: 'open' });
		expect(restored.archivedAt).toBeUndefined();
		expect(restored.status).toBe('open');
	});

	it('says clearly when a record is not on the device', async () => {
		await expect(notes.archive('00000000-0000-4000-8000-999999999999')).rejects.toBeInstanceOf(
			RecordNotFound
		);
	});
});

describe('lists', () => {
	beforeEach(async () => {
		await notes.create('eden', { title: 'Appleby walk', status: 'open', owner: 'sam', tags: ['walking'] });
		await notes.create('carlisle', { title: 'Carlisle choir', status: 'done', tags: ['music'] });
		await notes.create('eden', {
			title: 'Penrith lunch club',
			status: 'open',
			tags: ['food', 'older people']
		});
	});

	it('lists newest first, with paging', async () => {
		expect((await notes.list()).map((n) => n.data.title)).toEqual([
			'Penrith lunch club',
			'Carlisle choir',
			'Appleby walk'
		]);
		expect((await notes.list({ offset: 1, limit: 1 })).map((n) => n.data.title)).toEqual(['Carlisle choir']);
	});

	it('filters by status, area and assignee, alone and together', async () => {
		expect(await notes.count({ status: 'open' })).toBe(2);
		expect(await notes.count({ areaId: 'eden' })).toBe(2);
		expect(await notes.count({ assignee: 'sam' })).toBe(1);
		expect(
			(await notes.list({ status: 'open', areaId: 'eden', text: 'lunch' })).map((n) => n.data.title)
		).toEqual(['Penrith lunch club']);
	});

	it('sorts oldest first or by title', async () => {
		expect((await notes.list({ order: 'oldest' })).map((n) => n.data.title)).toEqual([
			'Appleby walk',
			'Carlisle choir',
			'Penrith lunch club'
		]);
		expect((await notes.list({ order: 'title', areaId: 'eden' })).map((n) => n.data.title)).toEqual([
			'Appleby walk',
			'Penrith lunch club'
		]);
	});

	it('lists only what needs attention on a given day', async () => {
		const attentive = new RecordRepository(db, {
			...noteKind,
			needsAttention: (n) => (n.status === 'open' ? ['Still open'] : [])
		});
		expect(await attentive.count({ needsAttentionOn: '2026-11-23' })).toBe(2);
	});

	it('finds words by how they begin, and only in its own type', async () => {
		const visits = new RecordRepository(db, { ...noteKind, type: 'visit' });
		await visits.create('eden', { title: 'Appleby walk (visit)', status: 'open' });
		expect((await notes.list({ text: 'penr lun' })).map((n) => n.data.title)).toEqual(['Penrith lunch club']);
		expect((await notes.list({ text: 'appleby' })).map((n) => n.data.title)).toEqual(['Appleby walk']);
		expect(await notes.list({ text: 'enrith' })).toEqual([]);
	});

	it('finds by sealed fields, in the orders and pages lists use', async () => {
		for (const order of ['newest', 'oldest', 'title'] as const)
			expect((await notes.list({ text: 'club', order })).map((n) => n.data.title)).toEqual([
				'Penrith lunch club'
			]);
		// Only "Appleby" begins with "a".
		expect((await notes.list({ text: 'a', limit: 1 })).map((n) => n.data.title)).toEqual(['Appleby walk']);
		expect(await notes.list({ text: 'a', offset: 1 })).toEqual([]);
	});

	it('pages a filtered list newest first', async () => {
		expect((await notes.list({ status: 'open', limit: 1 })).map((n) => n.data.title)).toEqual([
			'Penrith lunch club'
		]);
		expect((await notes.list({ status: 'open', offset: 1, limit: 1 })).map((n) => n.data.title)).toEqual([
			'Appleby walk'
		]);
		expect((await notes.list({ areaId: 'eden', order: 'oldest' })).map((n) => n.data.title)).toEqual([
			'Appleby walk',
			'Penrith lunch club'
		]);
	});

	it('searches every word, in any case', async () => {
		expect((await notes.list({ text: 'OLDER club' })).map((n) => n.data.title)).toEqual([
			'Penrith lunch club'
		]);
		expect(await notes.list({ text: 'choir walking' })).toEqual([]);
	});
});

describe('schema upgrade', () => {
	it('keeps records downloaded under version 1, indexes their status and seals them', async () => {
		const name = `upgrade-${Math.random()}`;
		const v1 = new Dexie(name);
		v1.version(1).stores({ records: 'id, type, areaId, [type+updatedAt]', meta: 'key' });
		await v1.table('records').add({
			id: '00000000-0000-4000-8000-000000000001',
			type: 'asset',
			areaId: 'eden',
			createdAt: '2026-11-01T00:00:00.000Z',
			updatedAt: '2026-11-01T00:00:00.000Z',
			data: { title: 'Kept', status: 'open' }
		});
		await v1.table('meta').put({ key: 'download.completedAt', value: '2026-11-01T00:00:00.000Z' });
		v1.close();

		const upgraded = new DeviceDatabase(name, { cipher: testCipher() });
		const repository = new RecordRepository(upgraded, noteKind);
		expect((await repository.list({ status: 'open' })).map((r) => r.data.title)).toEqual(['Kept']);
		expect(await new DeviceStore(upgraded).getMeta('download.completedAt')).toBeUndefined();
		expect(upgraded.verno).toBe(9);
		expect(JSON.stringify(await upgraded.records.toArray())).not.toContain('Kept');
		await upgraded.delete();
	});
});
