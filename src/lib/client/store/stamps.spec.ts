import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHlc } from '$lib/domain/sync/hlc';
import { DeviceDatabase, type OutboxEntry } from './database';
import { RecordRepository } from './repository';
import {
	noteKind,
	steppedOptions,
	storedIn,
	storeIn,
	testCipher,
	testDatabase,
	testId,
	type Note
} from './testing';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;

beforeEach(() => {
	db = testDatabase('stamps');
	notes = new RecordRepository(db, noteKind, steppedOptions());
});
afterEach(async () => {
	await db.delete();
});

const outbox = () => storedIn(db).outbox();
const last = async () => (await outbox()).at(-1) as OutboxEntry;

describe('every write is stamped on the device clock', () => {
	it('makes one client id, persists the clock with each write, and never repeats a stamp', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		const clientId = (await db.meta.get('sync.clientId'))?.value;
		expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
		await notes.update(note.id, { ...note.data, title: 'Open day 2' });
		await notes.update(note.id, { ...note.data, title: 'Open day 3' });
		const stamps = (await outbox()).map((e) => e.hlc);
		expect(new Set(stamps).size).toBe(3);
		expect([...stamps].sort()).toEqual(stamps);
		expect(stamps.every((s) => decodeHlc(s).node === clientId)).toBe(true);
		expect((await db.meta.get('sync.clock'))?.value).toBe(stamps[2]);
		expect((await db.meta.get('sync.clientId'))?.value).toBe(clientId);
	});

	it('keeps stamps increasing when the wall clock goes backwards', async () => {
		let now = Date.UTC(2026, 10, 23, 9);
		const skewed = new RecordRepository(db, noteKind, { now: () => new Date((now -= 60_000)).toISOString() });
		const note = await skewed.create('eden', { title: 'A', status: 'open' });
		await skewed.update(note.id, { ...note.data, title: 'B' });
		const [first, second] = (await outbox()).map((e) => e.hlc);
		expect(second! > first!).toBe(true);
	});

	it('sets the record version of each key written, and bases an edit on the versions it replaced', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		const created = (await last()).hlc;
		expect(note.versions).toEqual({ title: created, status: created, tags: created, '@area': created });

		const edited = await notes.update(note.id, { ...note.data, status: 'done' }, 'carlisle');
		const entry = await last();
		expect(entry.base).toEqual({ status: created, '@area': created, '@archived': null });
		expect(edited.versions).toEqual({ title: created, status: entry.hlc, tags: created, '@area': entry.hlc });
	});

	it('bases an archive on every key, and stamps @archived', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		const edited = await notes.update(note.id, { ...note.data, status: 'done' });
		const archived = await notes.archive(note.id);
		const entry = await last();
		expect(entry).toMatchObject({ op: 'archive', set: {} });
		expect(entry.base).toEqual({ ...edited.versions, '@archived': null });
		expect(archived.versions['@archived']).toBe(entry.hlc);

		await notes.restore(note.id);
		expect((await last()).base).toEqual({ '@archived': entry.hlc });
	});

	it('queues a change that only settles conflicts, even with nothing to change', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await notes.archive(note.id);
		const conflict = testId(900);
		const kept = await notes.resolve(note.id, [conflict]);
		expect(kept.archivedAt).toBeDefined();
		expect(await last()).toMatchObject({ op: 'update', set: {}, resolves: [conflict] });

		await notes.restore(note.id, undefined, { resolves: [testId(901)] });
		await notes.update(note.id, note.data, undefined, { resolves: [testId(902)] });
		expect((await outbox()).slice(-2).map((e) => [e.op, e.resolves])).toEqual([
			['restore', [testId(901)]],
			['update', [testId(902)]]
		]);
	});
});

describe('fix and resend', () => {
	async function refuse(entry: OutboxEntry, reason = 'Not valid on the server') {
		await db.transaction('rw', db.outbox, db.refused, async () => {
			await db.outbox.delete(entry.seq as number);
			await storeIn(db).refused([{ entry: { ...entry, mutationId: entry.seq }, reason, at: entry.at }]);
		});
	}

	it('folds the refused change into the edit that fixes it, in one entry, based on what came before', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open', tags: ['hall'] });
		const created = await last();
		await db.outbox.clear(); // acknowledged
		const edited = await notes.update(note.id, { ...note.data, title: 'Bad title', owner: 'sam' });
		await refuse(await last());

		await notes.update(note.id, { ...edited.data, title: 'Good title' });
		expect(await db.refused.count()).toBe(0);
		const entries = await outbox();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ op: 'update', set: { title: 'Good title', owner: 'sam' } });
		// A new change, under a new id: the refused one's was answered already.
		expect(entries[0]?.mutationId).toBe(3);
		expect(entries[0]?.base).toEqual({ title: created.hlc, owner: null, '@archived': null });
	});

	it('resends a refused change as it is when the person saves without changing anything', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await db.outbox.clear();
		const edited = await notes.update(note.id, { ...note.data, status: 'done' });
		await refuse(await last());
		await notes.update(note.id, edited.data);
		expect(await outbox()).toMatchObject([{ op: 'update', set: { status: 'done' } }]);
		expect(await db.refused.count()).toBe(0);
	});

	it('sends a record whose first save was refused as a create again, with all its data', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await refuse(await last());
		await notes.update(note.id, { ...note.data, owner: 'sam' }, 'carlisle');
		expect(await outbox()).toMatchObject([
			{
				op: 'create',
				set: { title: 'Open day', status: 'open', owner: 'sam', tags: [] },
				area: 'carlisle',
				base: { title: null, '@area': null, '@archived': null }
			}
		]);
	});

	it('keeps an archive the server refused as an archive when the person settles it', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await db.outbox.clear();
		await notes.archive(note.id);
		await refuse(await last());
		await notes.resolve(note.id, [testId(77)]);
		expect(await outbox()).toMatchObject([{ op: 'archive', resolves: [testId(77)] }]);
	});
});

describe('upgrade from version 3', () => {
	it('keeps every waiting change, splitting out the area and stamping them in order', async () => {
		const name = `upgrade-v3-${Math.random()}`;
		const v3 = new Dexie(name);
		v3.version(3).stores({
			records:
				'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt], *words',
			outbox: '++seq, recordId',
			drafts: 'key, updatedAt',
			meta: 'key'
		});
		const id = testId(1);
		const untouched = testId(2);
		const at = '2026-11-01T00:00:00.000Z';
		const record = {
			id,
			type: 'asset',
			areaId: 'eden',
			createdAt: at,
			updatedAt: at,
			status: 'open',
			words: []
		};
		await v3.table('records').bulkAdd([
			{ ...record, data: { title: 'Kept', status: 'open', owner: 'sam' } },
			{ ...record, id: untouched, data: { title: 'Downloaded', status: 'open' } }
		]);
		await v3.table('outbox').bulkAdd([
			{ recordId: id, type: 'asset', op: 'create', fields: { title: 'Kept', status: 'open' }, at },
			{ recordId: id, type: 'asset', op: 'update', fields: { owner: 'sam', areaId: 'carlisle' }, at },
			{ recordId: id, type: 'asset', op: 'archive', fields: {}, at }
		]);
		await v3.table('meta').put({ key: 'download.after', value: untouched });
		v3.close();

		const upgraded = new DeviceDatabase(name, { cipher: testCipher() });
		const entries = await storedIn(upgraded).outbox();
		expect(entries.map(({ hlc: _, ...rest }) => rest)).toEqual([
			{
				seq: 1,
				recordId: id,
				type: 'asset',
				op: 'create',
				set: { title: 'Kept', status: 'open' },
				area: 'eden',
				base: {},
				at
			},
			{
				seq: 2,
				recordId: id,
				type: 'asset',
				op: 'update',
				set: { owner: 'sam' },
				area: 'carlisle',
				base: {},
				at
			},
			{ seq: 3, recordId: id, type: 'asset', op: 'archive', set: {}, base: {}, at }
		]);
		const [create, update, archive] = entries.map((e) => e.hlc);
		expect(create! < update! && update! < archive!).toBe(true);
		expect((await storedIn(upgraded).record(id))?.versions).toEqual({
			title: create,
			status: create,
			owner: update,
			'@area': update,
			'@archived': archive
		});
		expect((await storedIn(upgraded).record(untouched))?.versions).toEqual({});
		expect((await upgraded.meta.get('sync.clock'))?.value).toBe(archive);
		expect(await upgraded.meta.get('download.after')).toBeUndefined();
		await upgraded.delete();
	});
});
