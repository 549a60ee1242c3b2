import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordKind } from '$lib/domain/kinds';
import { searchWords } from '$lib/domain/search';
import { encodeHlc } from '$lib/domain/sync/hlc';
import type { PullChange, SyncRecord } from '$lib/domain/sync/protocol';
import { storePage } from '../sync/pull';
import type { DeviceDatabase, StoredRecord } from './database';
import { RecordRepository, type ListQuery } from './repository';
import { noteKind, reopened, storeIn, testDatabase, testId, type Note } from './testing';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;
let ids = 0;

// Every third save shares its second with the one before, so ties in updatedAt are ordered by id.
let tick = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 9, 0, Math.floor(tick++ / 3) * 2)).toISOString();

beforeEach(() => {
	db = testDatabase('search');
	ids = 0;
	tick = 0;
	notes = new RecordRepository(db, noteKind, { now, newId: () => testId(5000 - ++ids) });
});
afterEach(async () => {
	await db.delete();
});

const PLACES = ['Keswick', 'Kendal', 'Penrith', 'Appleby', 'Ambleside'];
const THINGS = ['lunch club', 'hall', 'walking group', 'choir', 'men’s shed', 'Café'];

/** Notes with titles and tags drawn from a few words, so searches find several and share prefixes. */
async function someNotes(count: number): Promise<StoredRecord[]> {
	const made: StoredRecord[] = [];
	for (let i = 0; i < count; i++) {
		const title = `${PLACES[i % PLACES.length]} ${THINGS[(i * 7) % THINGS.length]}`;
		const input = { title, status: i % 4 === 0 ? 'done' : 'open', tags: i % 3 === 0 ? ['Rattlebeck'] : [] };
		made.push(await notes.create(i % 2 === 0 ? 'eden' : 'allerdale', input));
	}
	return made;
}

/** The straightforward search: open every record of the kind's type and match it in memory. */
async function scan(kind: RecordKind, query: ListQuery): Promise<string[]> {
	const rows = await db.records.where('type').equals(kind.type).toArray();
	const words = searchWords(query.text ?? '');
	const wordsOf = (r: StoredRecord) => {
		try {
			return searchWords(kind.searchText(r.data));
		} catch {
			return [];
		}
	};
	const found = (await db.seal.openRecords(rows)).filter(
		(r) =>
			(query.includeArchived || !r.archivedAt) &&
			(!query.status || r.status === query.status) &&
			(!query.areaId || r.areaId === query.areaId) &&
			words.every((word) => wordsOf(r).some((w) => w.startsWith(word)))
	);
	found.sort((a, b) =>
		a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? -1 : 1
	);
	if ((query.order ?? 'newest') === 'newest') found.reverse();
	if (query.order === 'title') {
		const title = (r: StoredRecord) => kind.title(r.data);
		found.sort((a, b) => title(a).localeCompare(title(b), 'en-GB', { sensitivity: 'base' }));
	}
	const offset = query.offset ?? 0;
	return found.slice(offset, offset + (query.limit ?? Infinity)).map((r) => r.id);
}

const QUERIES: ListQuery[] = [
	{ text: 'kesw' },
	{ text: 'hall' },
	{ text: 'kesw hall' },
	{ text: 'rattle', limit: 3 },
	{ text: 'rattle', limit: 3, offset: 2 },
	{ text: 'a', limit: 5, offset: 4 },
	{ text: 'cafe' },
	{ text: 'MEN S' },
	{ text: 'club', status: 'done' },
	{ text: 'club', areaId: 'eden', order: 'oldest' },
	{ text: 'p', order: 'title', limit: 4 },
	{ text: 'lunch', includeArchived: true },
	{ text: 'keswik' },
	{ text: 'enrith' }
];

/** Every query gives exactly what the straightforward scan gives, in the same order. */
async function expectSameAsScan(repository: RecordRepository<Note> = notes): Promise<void> {
	for (const query of QUERIES) {
		const listed = (await repository.list(query)).map((r) => r.id);
		expect({ query, ids: listed }).toEqual({ query, ids: await scan(noteKind as RecordKind, query) });
	}
}

describe('search through the in-memory index', () => {
	it('finds what the straightforward scan finds, in the same order, before and after building', async () => {
		await someNotes(40);
		expect(db.searchIndex.isBuilt(noteKind as RecordKind)).toBe(false);
		await expectSameAsScan();
		expect(db.searchIndex.isBuilt(noteKind as RecordKind)).toBe(true);
		// And it really finds things: the comparison above is not between two empty lists.
		expect((await notes.list({ text: 'kesw hall' })).length).toBeGreaterThan(0);
	});

	it('keeps up with edits, archiving and restoring', async () => {
		const [first, second, third] = await someNotes(12);
		await expectSameAsScan();
		if (!first || !second || !third) throw new Error('no notes');
		await notes.update(first.id, { ...first.data, title: 'Threlkeld quarry' });
		await notes.archive(second.id);
		await notes.update(third.id, { ...third.data, tags: ['Rattlebeck', 'Lunch'] });
		expect((await notes.list({ text: 'threlk' })).map((r) => r.id)).toEqual([first.id]);
		await expectSameAsScan();
		await notes.restore(second.id);
		await expectSameAsScan();
	});

	it('keeps up with sync: downloaded records, changed ones and removed ones', async () => {
		const mine = await someNotes(10);
		await expectSameAsScan();
		const stamp = encodeHlc({ ms: Date.UTC(2026, 10, 24), counter: 0, node: 'server' });
		const fromServer = (n: number, title: string): SyncRecord => {
			const data = { title, status: 'open', tags: ['Rattlebeck'] };
			const keys = [...Object.keys(data), '@area'];
			return {
				id: testId(n),
				type: 'asset',
				areaId: 'eden',
				createdAt: '2026-11-24T10:00:00.000Z',
				updatedAt: '2026-11-24T10:00:00.000Z',
				archivedAt: null,
				data,
				versions: Object.fromEntries(keys.map((key) => [key, stamp]))
			};
		};
		const gone = mine[3];
		if (!gone) throw new Error('no notes');
		await db.outbox.clear(); // Sent already: the server may remove the record.
		const changes: PullChange[] = [
			{ kind: 'record', record: fromServer(1, 'Keswick boat club') },
			{ kind: 'record', record: fromServer(2, 'Borrowdale hall') },
			{ kind: 'tombstone', id: gone.id, type: 'asset' }
		];
		await storePage({ db, now }, changes, '1', false);
		expect((await notes.list({ text: 'boat' })).map((r) => r.id)).toEqual([testId(1)]);
		expect(await notes.get(gone.id)).toBeUndefined();
		await expectSameAsScan();
		// A page big enough to be read again in the background, and a search while that runs.
		const page = Array.from({ length: 120 }, (_, i) => ({
			kind: 'record' as const,
			record: fromServer(100 + i, `${PLACES[i % PLACES.length]} ferry ${i}`)
		}));
		await storePage({ db, now }, page, '2', false);
		expect((await notes.list({ text: 'ferry 119' })).map((r) => r.id)).toEqual([testId(219)]);
		await expectSameAsScan();
		// Rows written by any code, not only the repository and sync.
		await storeIn(db).records([
			{ ...fromServer(3, 'Grasmere boat'), status: 'open', versions: {}, archivedAt: undefined }
		]);
		expect((await notes.list({ text: 'boat' })).map((r) => r.id)).toEqual([testId(3), testId(1)]);
		await db.records.clear();
		expect(await notes.list({ text: 'boat' })).toEqual([]);
	});

	it('ignores writes of a transaction that failed', async () => {
		const [note] = await someNotes(3);
		if (!note) throw new Error('no notes');
		await expectSameAsScan();
		const failing = db.write(async () => {
			await notes.update(note.id, { ...note.data, title: 'Never saved' });
			throw new Error('changed my mind');
		});
		await expect(failing).rejects.toThrow('changed my mind');
		expect(await notes.list({ text: 'never' })).toEqual([]);
		await expectSameAsScan();
	});

	it('forgets every word when the store closes (lock) and finds the same after unlock', async () => {
		await someNotes(15);
		await expectSameAsScan();
		db.close();
		expect(db.searchIndex.isBuilt(noteKind as RecordKind)).toBe(false);
		db = reopened(db);
		const again = new RecordRepository(db, noteKind, { now });
		await expectSameAsScan(again);
	});

	it('opens records 100 at a time in the background, a task each, and a waiting search all at once', async () => {
		await someNotes(230);
		const sizes: number[] = [];
		/** Records how many rows each call to the store's sealer opens. */
		const countOpens = (store: DeviceDatabase) => {
			const openRecords = store.seal.openRecords.bind(store.seal);
			store.seal.openRecords = (rows) => {
				sizes.push(rows.length);
				return openRecords(rows);
			};
		};
		countOpens(db);
		await db.searchIndex.build([noteKind as RecordKind]);
		expect(sizes).toEqual([100, 100, 30]);
		db.close();
		db = reopened(db);
		sizes.length = 0;
		countOpens(db);
		expect((await new RecordRepository(db, noteKind, { now }).list({ text: 'kesw' })).length).toBeGreaterThan(
			0
		);
		expect(sizes[0]).toBe(230);
	});

	it('answers searches made while the background build runs, and sees what was saved meanwhile', async () => {
		await someNotes(20);
		const building = db.searchIndex.build([noteKind as RecordKind]);
		await notes.create('eden', { title: 'Caldbeck hall', status: 'open' });
		const found = await notes.list({ text: 'caldb' });
		await building;
		expect(found.map((r) => r.data.title)).toEqual(['Caldbeck hall']);
		await expectSameAsScan();
	});

	it('lists a record whose stored data no longer fits the schema, and never finds it by text', async () => {
		await someNotes(5);
		await storeIn(db).records([
			{
				id: testId(9),
				type: 'asset',
				areaId: 'eden',
				createdAt: '2026-11-23T09:00:00.000Z',
				updatedAt: '2026-11-25T09:00:00.000Z',
				status: '',
				data: { title: 42, tags: 'not a list' },
				versions: {}
			}
		]);
		expect((await notes.list({ limit: 1 })).map((r) => r.id)).toEqual([testId(9)]);
		await expectSameAsScan();
	});
});
