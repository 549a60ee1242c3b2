import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../sync/engine';
import { ScriptedTransport } from '../sync/testing';
import type { DeviceDatabase } from './database';
import { DraftStore } from './drafts';
import { importLegacyStore, LegacyImportRefused } from './legacy';
import { RecordRepository } from './repository';
import { noteKind, storedIn, testDatabase, testId } from './testing';

const AT = '2026-11-20T10:00:00.000Z';
const HLC = '001795424400000-0000-legacy-device';
const CLIENT = '5b0f9a1e-8c2d-4e3f-9a4b-1c2d3e4f5a6b';
const MARKER = 'Agnes Mardale-Greenup';

/** The shared database as version 4 of the app left it: everything in plain text. */
async function makeLegacy(name: string): Promise<void> {
	const v4 = new Dexie(name);
	v4.version(4).stores({
		records:
			'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt], *words',
		outbox: '++seq, recordId, *resolves',
		refused: '++id, entry.recordId',
		conflicts: 'id, recordId, status',
		drafts: 'key, updatedAt',
		meta: 'key'
	});
	const record = (n: number, title: string) => ({
		id: testId(n),
		type: 'asset',
		areaId: 'eden',
		createdAt: AT,
		updatedAt: AT,
		data: { title, status: 'open', tags: [] },
		status: 'open',
		words: title
			.toLowerCase()
			.split(' ')
			.map((w) => `asset:${w}`),
		versions: { title: HLC, status: HLC, tags: HLC }
	});
	const entry = (n: number, title: string, mutationId?: number) => ({
		recordId: testId(n),
		type: 'asset',
		op: 'create',
		set: { title, status: 'open', tags: [] },
		area: 'eden',
		hlc: HLC,
		base: {},
		at: AT,
		...(mutationId ? { mutationId } : {})
	});
	await v4.table('records').bulkAdd([record(1, `Visit to ${MARKER}`), record(2, 'Refused one')]);
	await v4.table('outbox').bulkAdd([entry(1, `Visit to ${MARKER}`, 7)]);
	await v4.table('refused').add({ entry: entry(2, 'Refused one', 6), reason: `Not for ${MARKER}`, at: AT });
	await v4.table('conflicts').add({
		id: testId(9),
		recordId: testId(1),
		type: 'asset',
		areaId: 'eden',
		field: 'title',
		status: 'open',
		kept: { value: MARKER, hlc: HLC, clientId: CLIENT, deviceName: null, staffId: null },
		other: { value: 'Other', hlc: HLC, clientId: 'x', deviceName: null, staffId: null },
		detectedAt: AT,
		resolvedAt: null,
		resolvedBy: null
	});
	await v4
		.table('drafts')
		.add({ key: 'asset:new', label: `a note on ${MARKER}`, path: '/assets/new', values: {}, updatedAt: AT });
	await v4.table('meta').bulkPut([
		{ key: 'sync.clientId', value: CLIENT },
		{ key: 'sync.nextMutationId', value: '8' },
		{ key: 'sync.clock', value: HLC },
		{ key: 'sync.cursor', value: '42' }
	]);
	v4.close();
}

let legacyName: string;
let target: DeviceDatabase;

beforeEach(async () => {
	legacyName = `fellside-legacy-${Math.random()}`;
	await makeLegacy(legacyName);
	target = testDatabase('fellside-user');
});
afterEach(async () => {
	await target.delete();
	await Dexie.delete(legacyName);
});

describe('importing the old unencrypted store', () => {
	it('moves every record, waiting and refused change, conflict, draft and the sync state, sealed, then deletes it', async () => {
		const outcome = await importLegacyStore(target, legacyName);
		expect(outcome).toEqual({ imported: true, records: 2, waiting: 1, refused: 1, conflicts: 1, drafts: 1 });
		expect(await Dexie.exists(legacyName)).toBe(false);

		const stored = storedIn(target);
		expect((await stored.records()).map((r) => r.data.title)).toEqual([`Visit to ${MARKER}`, 'Refused one']);
		expect(await stored.outbox()).toMatchObject([
			{ seq: 1, mutationId: 7, set: { title: `Visit to ${MARKER}` } }
		]);
		expect(await stored.refused()).toMatchObject([{ reason: `Not for ${MARKER}`, entry: { mutationId: 6 } }]);
		expect((await stored.conflicts())[0]?.kept.value).toBe(MARKER);
		expect((await new DraftStore(target).get('asset:new'))?.label).toBe(`a note on ${MARKER}`);
		expect(await target.meta.get('sync.clientId')).toEqual({ key: 'sync.clientId', value: CLIENT });

		const raw = JSON.stringify([
			await target.records.toArray(),
			await target.outbox.toArray(),
			await target.refused.toArray(),
			await target.conflicts.toArray(),
			await target.drafts.toArray()
		]);
		expect(raw).not.toContain('Mardale');
		expect(raw).not.toContain('"words"');
	});

	it('sends the waiting change under its old client and mutation id, as the server expects', async () => {
		await importLegacyStore(target, legacyName);
		const server = new ScriptedTransport();
		await new SyncEngine(target, { transport: server }).sync();
		expect(server.pushes[0]?.clientId).toBe(CLIENT);
		expect(server.pushed.map((m) => [m.id, m.set.title])).toEqual([[7, `Visit to ${MARKER}`]]);
	});

	it('leaves the old database when the user store already holds data, and loses nothing', async () => {
		await new RecordRepository(target, noteKind).create('eden', { title: 'Mine', status: 'open' });
		await expect(importLegacyStore(target, legacyName)).rejects.toBeInstanceOf(LegacyImportRefused);
		expect(await Dexie.exists(legacyName)).toBe(true);
		expect(await target.outbox.count()).toBe(1);
	});

	it('writes all of it or none of it: a failed write keeps the old database', async () => {
		target.conflicts.hook('creating', () => {
			throw new DOMException('Full', 'QuotaExceededError');
		});
		await expect(importLegacyStore(target, legacyName)).rejects.toThrow();
		expect(await Dexie.exists(legacyName)).toBe(true);
		expect(await target.records.count()).toBe(0);
		expect(await target.outbox.count()).toBe(0);
	});

	it('does nothing on a device that never had the old store', async () => {
		await Dexie.delete(legacyName);
		expect(await importLegacyStore(target, legacyName)).toMatchObject({ imported: false });
	});
});
