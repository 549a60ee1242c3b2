import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRecord } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { RecordRepository } from '../store/repository';
import { noteKind, steppedOptions, type Note, storedIn, testDatabase } from '../store/testing';
import { SyncEngine } from './engine';
import { requestPersistentStorage, storageUse } from './storage';
import { ScriptedTransport } from './testing';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;
let server: ScriptedTransport;
let engine: SyncEngine;

beforeEach(() => {
	db = testDatabase('engine');
	notes = new RecordRepository(db, noteKind, steppedOptions());
	server = new ScriptedTransport();
	engine = new SyncEngine(db, { transport: server });
});
afterEach(async () => {
	await db.delete();
});

/** Push answers that refuse every change. */
function refuseEverything() {
	server.onPush = (request) => ({
		lastMutationId: request.mutations.at(-1)?.id ?? 0,
		results: request.mutations.map((m) => ({ id: m.id, status: 'rejected' as const, reason: 'Refused' }))
	});
}

describe('discarding a refused change', () => {
	it("puts back the server's copy, with other unsent changes still on top", async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await engine.sync();
		await notes.update(note.id, { ...note.data, title: 'Refused title' });
		// The status is changed while the refused title is on its way: it stays waiting.
		server.onPush = async () => {
			await notes.update(note.id, { ...note.data, title: 'Refused title', status: 'done' });
			server.onPush = () => ({ lastMutationId: 0, results: [] });
			return { lastMutationId: 2, results: [{ id: 2, status: 'rejected', reason: 'Refused' }] };
		};
		await engine.sync().catch(() => undefined);
		expect((await storedIn(db).outbox()).map((e) => e.set)).toEqual([{ status: 'done' }]);

		const serverCopy: SyncRecord = {
			id: note.id,
			type: 'asset',
			areaId: 'eden',
			createdAt: note.createdAt,
			updatedAt: note.updatedAt,
			archivedAt: null,
			data: { title: 'Open day', status: 'open', tags: [] },
			versions: note.versions
		};
		server.onFetch = () => ({ records: [serverCopy], missing: [] });
		const [row] = await storedIn(db).refused();
		await engine.discardRefused(row!.id!);
		expect(server.fetches[0]?.ids).toEqual([note.id]);
		expect(await db.refused.count()).toBe(0);
		expect((await notes.get(note.id))?.data).toEqual({ title: 'Open day', status: 'done', tags: [] });
	});

	it('removes a record the server never had', async () => {
		const note = await notes.create('eden', { title: 'Never saved there', status: 'open' });
		refuseEverything();
		await engine.sync();
		const [row] = await storedIn(db).refused();
		await engine.discardRefused(row!.id!);
		expect(await notes.get(note.id)).toBeUndefined();
		expect(await db.refused.count()).toBe(0);
	});
});

describe('storage', () => {
	it('asks for persistent storage, and reads usage, saying null where the browser cannot', async () => {
		let asked = 0;
		const storage = {
			persisted: async () => false,
			persist: async () => (asked++, true),
			estimate: async () => ({ usage: 1_000, quota: 50_000 })
		};
		expect(await requestPersistentStorage(storage)).toBe(true);
		expect(asked).toBe(1);
		expect(await requestPersistentStorage({ ...storage, persisted: async () => true })).toBe(true);
		expect(asked).toBe(1);
		expect(await storageUse(storage)).toEqual({ usage: 1_000, quota: 50_000 });
		expect(await requestPersistentStorage({})).toBeNull();
		expect(await storageUse({})).toBeNull();
		expect(await storageUse({ estimate: async () => ({}) })).toBeNull();
		const failing = { persist: () => Promise.reject(new Error('denied')) };
		expect(await requestPersistentStorage(failing)).toBeNull();
	});
});
