import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '$lib/domain/sync/hlc';
import type { Conflict, SyncRecord } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { RecordRepository } from '../store/repository';
import { StorageFull } from '../store/storage-full';
import { noteKind, steppedOptions, testId, type Note, storedIn, testDatabase } from '../store/testing';
import { SyncEngine } from './engine';
import { acknowledgeAll, recordPage, ScriptedTransport } from './testing';
import { BadAnswer, ServerUnreachable } from './transport';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;
let server: ScriptedTransport;
let engine: SyncEngine;

beforeEach(() => {
	db = testDatabase('pull');
	notes = new RecordRepository(db, noteKind, steppedOptions());
	server = new ScriptedTransport();
	engine = new SyncEngine(db, { transport: server });
});
afterEach(async () => {
	await db.delete();
});

const T0 = Date.UTC(2026, 10, 23, 9);
/** A server clock stamp, `minutes` after 09:00 on 23 November 2026. */
const stamp = (minutes: number, node = 'server') =>
	encodeHlc({ ms: T0 + minutes * 60_000, counter: 0, node });

function serverNote(n: number, data: Partial<Note> = {}, version = stamp(0)): SyncRecord {
	const full = { title: `Server note ${n}`, status: 'open', tags: [], ...data };
	return {
		id: testId(n),
		type: 'asset',
		areaId: 'eden',
		createdAt: '2026-11-20T10:00:00.000Z',
		updatedAt: '2026-11-20T10:00:00.000Z',
		archivedAt: null,
		data: full,
		versions: { ...Object.fromEntries(Object.keys(full).map((key) => [key, version])), '@area': version }
	};
}

const cursor = async () => (await db.meta.get('sync.cursor'))?.value;
const titles = async () => (await storedIn(db).records()).map((r) => r.data.title).sort();

describe('pull', () => {
	it('stores every page with the cursor after it, asking 500 at a time from where it left off', async () => {
		server.servePages([
			recordPage([serverNote(1), serverNote(2)], '1', true),
			recordPage([serverNote(3)], '2', false),
			recordPage([], '2', false)
		]);
		const outcome = await engine.sync();
		expect(outcome.pull).toEqual({ changes: 3, reset: false });
		expect(server.pulls.map((p) => [p.cursor, p.limit])).toEqual([
			[null, 500],
			['1', 500]
		]);
		expect(await titles()).toEqual(['Server note 1', 'Server note 2', 'Server note 3']);
		expect(await cursor()).toBe('2');
		expect((await storedIn(db).record(testId(1)))?.versions.title).toBe(stamp(0));

		await engine.sync();
		expect(server.pulls.at(-1)?.cursor).toBe('2');
	});

	it('asks for the next page while it stores one, and still stores the pages in order', async () => {
		server.servePages([
			recordPage([serverNote(1)], '1', true),
			recordPage([serverNote(2)], '2', true),
			recordPage([serverNote(3)], '3', false)
		]);
		const serve = server.onPull;
		const stored: string[] = [];
		db.records.hook('creating', (key) => void stored.push(String(key)));
		// How many records were stored when each page was asked for.
		const storedWhenAsked: number[] = [];
		server.onPull = (request) => {
			storedWhenAsked.push(stored.length);
			return serve(request);
		};
		await engine.sync();
		expect(storedWhenAsked).toEqual([0, 0, 1]);
		expect(stored).toEqual([testId(1), testId(2), testId(3)]);
		expect(await cursor()).toBe('3');
	});

	it('never moves the cursor past a page it did not store: a failure half-way resumes after the last stored page', async () => {
		server.servePages([recordPage([serverNote(1)], '1', true)]);
		await expect(engine.sync()).rejects.toThrow('No page after cursor 1');
		expect(await cursor()).toBe('1');
		expect(await titles()).toEqual(['Server note 1']);

		server.servePages([recordPage([], '0', true), recordPage([serverNote(2)], '2', false)]);
		await engine.sync();
		expect(server.pulls.at(-1)?.cursor).toBe('1');
		expect(await titles()).toEqual(['Server note 1', 'Server note 2']);
	});

	it('stores nothing of a page the device has no room for, and keeps the cursor before it', async () => {
		server.servePages([recordPage([serverNote(1)], '1', true), recordPage([serverNote(2)], '2', false)]);
		db.records.hook('creating', (_key, record) => {
			if (record.id === testId(2)) throw new DOMException('Full', 'QuotaExceededError');
		});
		await expect(engine.sync()).rejects.toBeInstanceOf(StorageFull);
		expect(await cursor()).toBe('1');
		expect(await titles()).toEqual(['Server note 1']);
	});

	it('stamps the next local change after every version it pulled, even from a clock far ahead', async () => {
		const ahead = stamp(3 * 24 * 60, 'other-device');
		server.servePages([recordPage([serverNote(1, {}, ahead)], '1', false)]);
		await engine.sync();
		const edited = await notes.update(testId(1), { title: 'Mine', status: 'open' });
		expect(edited.versions.title! > ahead).toBe(true);
		expect((await storedIn(db).outbox())[0]?.base).toEqual({ title: ahead, '@archived': null });
	});

	it('keeps a change saved during the pull on top of the server copy, key by key', async () => {
		server.servePages([recordPage([serverNote(1)], '1', false)]);
		await engine.sync();
		const theirs = serverNote(1, { status: 'done' });
		theirs.versions.status = stamp(10, 'other-device');
		server.onPull = async () => {
			await notes.update(testId(1), { title: 'Mine', status: 'open', tags: [] });
			return recordPage([theirs], '2', false);
		};
		await engine.sync();
		const stored = await notes.get(testId(1));
		const [waiting] = await storedIn(db).outbox();
		expect(stored?.data).toEqual({ title: 'Mine', status: 'done', tags: [] });
		expect(stored?.versions).toMatchObject({ title: waiting?.hlc, status: stamp(10, 'other-device') });
		expect(waiting).toMatchObject({ set: { title: 'Mine' } });
	});

	it("shows another device's later edit of the same field over a waiting change, as the server will", async () => {
		server.servePages([recordPage([serverNote(1)], '1', false)]);
		await engine.sync();
		const theirs = serverNote(1, { title: 'Theirs' });
		// Later than the edit below, which the device stamps on its own (real) clock.
		theirs.versions.title = encodeHlc({ ms: Date.now() + 60 * 60_000, counter: 0, node: 'other-device' });
		server.onPull = async () => {
			await notes.update(testId(1), { title: 'Mine', status: 'open', tags: [] });
			return recordPage([theirs], '2', false);
		};
		await engine.sync();
		expect((await notes.get(testId(1)))?.data.title).toBe('Theirs');
		expect(await db.outbox.count()).toBe(1);
	});

	it('keeps the changes the server refused on top of its copy, so the person sees what to fix', async () => {
		await notes.create('eden', { title: 'Mine', status: 'open' });
		server.onPush = (request) => ({
			lastMutationId: 1,
			results: [{ id: request.mutations[0]!.id, status: 'rejected', reason: 'No' }]
		});
		const created = (await storedIn(db).outbox())[0]!;
		server.servePages([recordPage([{ ...serverNote(1, {}, stamp(-60)), id: created.recordId }], '1', false)]);
		await engine.sync();
		expect((await storedIn(db).record(created.recordId))?.data.title).toBe('Mine');
	});

	it('stores conflicts, and drops removed records with their conflicts unless they have unsent changes', async () => {
		const conflict = (n: number, recordId: string): Conflict => ({
			id: testId(500 + n),
			recordId,
			type: 'asset',
			areaId: 'eden',
			field: 'title',
			status: 'open',
			kept: { value: 'A', hlc: stamp(2), clientId: 'x', deviceName: null, staffId: null },
			other: { value: 'B', hlc: stamp(1), clientId: 'y', deviceName: null, staffId: null },
			detectedAt: '2026-11-23T10:00:00.000Z',
			resolvedAt: null,
			resolvedBy: null
		});
		server.servePages([
			{
				cursor: '1',
				more: false,
				changes: [
					{ kind: 'record', record: serverNote(1) },
					{ kind: 'record', record: serverNote(2) },
					{ kind: 'conflict', conflict: conflict(1, testId(1)) },
					{ kind: 'conflict', conflict: conflict(2, testId(2)) }
				]
			}
		]);
		await engine.sync();
		expect(await db.conflicts.count()).toBe(2);

		server.onPull = async () => {
			await notes.update(testId(2), { title: 'Being edited', status: 'open', tags: [] });
			return {
				cursor: '2',
				more: false,
				changes: [
					{ kind: 'tombstone', id: testId(1), type: 'asset' },
					{ kind: 'tombstone', id: testId(2), type: 'asset' }
				]
			};
		};
		await engine.sync();
		expect((await storedIn(db).records()).map((r) => r.id)).toEqual([testId(2)]);
		expect((await storedIn(db).conflicts()).map((c) => c.recordId)).toEqual([testId(2)]);
	});
});

describe('reset', () => {
	it('downloads everything again keeping the outbox, and drops what the fresh download left out only at its end', async () => {
		server.servePages([recordPage([serverNote(1), serverNote(2)], '1', false)]);
		await engine.sync();
		const refusedRecord = await notes.create('eden', { title: 'Refused', status: 'open' });
		server.onPush = (request) => ({
			lastMutationId: 1,
			results: [{ id: request.mutations[0]!.id, status: 'rejected', reason: 'No' }]
		});

		let mine = '';
		server.onPull = async (request) => {
			if (request.cursor === '1') {
				mine = (await notes.create('eden', { title: 'Saved during reset', status: 'open' })).id;
				return { reset: true, reason: 'Too far behind' };
			}
			if (request.cursor === null) return recordPage([serverNote(1)], '5', true);
			throw ServerUnreachable.because('the connection failed');
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(ServerUnreachable);
		// Half-way through the fresh download nothing is dropped.
		expect(await titles()).toEqual(['Refused', 'Saved during reset', 'Server note 1', 'Server note 2']);
		expect(await cursor()).toBe('5');

		server.onPull = () => recordPage([], '6', false);
		server.onPush = () => {
			throw ServerUnreachable.because('push failing, pull not reached');
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(ServerUnreachable);
		expect(await titles()).toContain('Server note 2');

		// The next full sync: the change saved meanwhile is acknowledged, the pull ends.
		server.onPush = acknowledgeAll;
		server.onPull = () =>
			recordPage(
				[{ ...serverNote(9), id: mine, data: { title: 'Saved during reset', status: 'open', tags: [] } }],
				'6',
				false
			);
		const outcome = await engine.sync();
		expect(outcome.pull.reset).toBe(false);
		expect(await titles()).toEqual(['Refused', 'Saved during reset', 'Server note 1']);
		expect((await storedIn(db).refused()).map((r) => r.entry.recordId)).toEqual([refusedRecord.id]);
		expect(await db.meta.get('sync.resetting')).toBeUndefined();
	});

	it('stops when the server asks for a fresh download again and again', async () => {
		server.onPull = () => ({ reset: true, reason: 'Too far behind' });
		await expect(engine.sync()).rejects.toBeInstanceOf(BadAnswer);
	});
});
