import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetKind } from '$lib/domain/record-kinds';
import { sqliteTestDatabase } from '$lib/server/db/testing';
import {
	handleSync,
	pruneAnswers,
	pruneTombstones,
	purgeRecord,
	type SyncEndpoint,
	type SyncServer
} from '$lib/server/sync';
import { APP_REQUEST, DAY, openSyncDatabase, serverClock, T0 } from '$lib/server/sync/testing';
import type { DeviceDatabase, StoredRecord } from '../store/database';
import { RecordRepository } from '../store/repository';
import { SyncEngine } from './engine';
import { HttpSyncTransport } from './http-transport';
import { storedIn, testDatabase } from '../store/testing';

/**
 * Two devices running the real client (repository, engine, HTTP transport over fake-indexeddb)
 * against the real server's `handleSync` on SQLite, every request and answer as JSON text.
 */

let server: SyncServer;
let clock: ReturnType<typeof serverClock>;
let cleanup: () => Promise<void>;
const devices: DeviceDatabase[] = [];

beforeEach(async () => {
	const opened = await openSyncDatabase(sqliteTestDatabase);
	clock = serverClock();
	server = { database: opened.database, now: clock.clock };
	cleanup = opened.cleanup;
});
afterEach(async () => {
	await Promise.all(devices.splice(0).map((db) => db.delete()));
	await cleanup();
});

function device(name: string) {
	const db = testDatabase(`two-${name}`);
	devices.push(db);
	const now = () => new Date(clock.clock()).toISOString();
	const fetcher = (async (url: string, init?: RequestInit) => {
		const endpoint = url.slice(url.lastIndexOf('/') + 1) as SyncEndpoint;
		const answer = await handleSync(endpoint, String(init?.body), APP_REQUEST, server);
		return new Response(answer.json ?? JSON.stringify(answer.body), {
			status: answer.status,
			headers: { 'content-type': 'application/json' }
		});
	}) as typeof fetch;
	const engine = new SyncEngine(db, {
		transport: new HttpSyncTransport({ fetcher, online: () => true }),
		now,
		deviceName: name
	});
	const assets = new RecordRepository(db, assetKind as never, { now });
	return { db, engine, assets: assets as RecordRepository<Record<string, unknown>> };
}

const HALL = { kind: 'place', name: 'Village hall', status: 'active', lifecycle: 'draft' };
const shape = ({ id, type, areaId, data, versions, archivedAt }: StoredRecord) => ({
	id,
	type,
	areaId,
	data,
	versions,
	archivedAt: archivedAt ?? null
});
const everything = async (db: DeviceDatabase) => (await storedIn(db).records()).map(shape);

describe('two devices against the real server', () => {
	it('create, edit different fields offline, sync: both keep both edits and end equal', async () => {
		const anna = device('anna');
		const ben = device('ben');
		const hall = await anna.assets.create('eden', HALL);
		await anna.engine.sync();
		await ben.engine.sync();
		expect(await everything(ben.db)).toEqual(await everything(anna.db));

		clock.advance(60_000);
		await anna.assets.update(hall.id, { ...HALL, description: 'Step-free entrance' });
		clock.advance(1_000);
		const fromBen = (await ben.assets.get(hall.id))!;
		await ben.assets.update(hall.id, { ...fromBen.data, organisation: 'Parish council' }, 'carlisle');

		await anna.engine.sync();
		await ben.engine.sync();
		await anna.engine.sync();
		const [annas] = await everything(anna.db);
		expect(annas?.data).toMatchObject({ description: 'Step-free entrance', organisation: 'Parish council' });
		expect(annas?.areaId).toBe('carlisle');
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
		expect(await anna.db.conflicts.count()).toBe(0);
		expect(await anna.db.outbox.count()).toBe(0);
	});

	it('the same field changed on both: one winner everywhere, the conflict on both, its resolution reaches both', async () => {
		const anna = device('anna');
		const ben = device('ben');
		const hall = await anna.assets.create('eden', HALL);
		await anna.engine.sync();
		await ben.engine.sync();

		clock.advance(60_000);
		await anna.assets.update(hall.id, { ...HALL, name: 'Reading room' });
		clock.advance(1_000);
		await ben.assets.update(hall.id, { ...HALL, name: 'Chapel' });
		await anna.engine.sync();
		await ben.engine.sync();
		await anna.engine.sync();

		const [annas] = await everything(anna.db);
		expect(annas?.data.name).toBe('Chapel'); // the later stamp
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
		const [conflict] = await storedIn(anna.db).conflicts();
		expect(conflict).toMatchObject({
			field: 'name',
			status: 'open',
			kept: { value: 'Chapel' },
			other: { value: 'Reading room' }
		});
		expect(await storedIn(ben.db).conflicts()).toEqual([conflict]);

		// Anna chooses her own value in conflict review; it syncs like any edit.
		clock.advance(60_000);
		await anna.assets.update(hall.id, { ...annas!.data, name: 'Reading room' }, undefined, {
			resolves: [conflict!.id]
		});
		await anna.engine.sync();
		await ben.engine.sync();
		for (const db of [anna.db, ben.db]) {
			expect((await storedIn(db).conflict(conflict!.id))?.status).toBe('resolved');
			expect((await storedIn(db).record(hall.id))?.data.name).toBe('Reading room');
		}
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
	});

	it('an archive racing an edit is a conflict; "keep it archived" settles it with a change that only resolves', async () => {
		const anna = device('anna');
		const ben = device('ben');
		const hall = await anna.assets.create('eden', HALL);
		await anna.engine.sync();
		await ben.engine.sync();

		clock.advance(60_000);
		await anna.assets.archive(hall.id);
		await ben.assets.update(hall.id, { ...HALL, description: 'Open again' });
		await anna.engine.sync();
		await ben.engine.sync();
		await anna.engine.sync();
		const [conflict] = await storedIn(anna.db).conflicts();
		expect(conflict).toMatchObject({ field: '@archived', status: 'open' });
		expect((await storedIn(ben.db).record(hall.id))?.archivedAt).toBeTruthy();

		await anna.assets.resolve(hall.id, [conflict!.id]);
		await anna.engine.sync();
		await ben.engine.sync();
		expect((await storedIn(ben.db).conflict(conflict!.id))?.status).toBe('resolved');
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
	});

	it('a device offline past the tombstone horizon downloads everything again, keeping its unsent work', async () => {
		const anna = device('anna');
		const ben = device('ben');
		const kept = await anna.assets.create('eden', HALL);
		const removed = await anna.assets.create('eden', { ...HALL, name: 'Chapel' });
		await anna.engine.sync();
		await ben.engine.sync();

		// Ben goes quiet, with work of his own; the server removes a record and, months later, forgets it.
		const bens = await ben.assets.create('allerdale', { ...HALL, name: 'Institute' });
		await purgeRecord(server.database, removed.id, { now: clock.clock });
		clock.advance(200 * DAY);
		await anna.assets.update(kept.id, { ...HALL, description: 'Still here' });
		await anna.engine.sync();
		await pruneTombstones(server.database, new Date(T0 + 100 * DAY));

		const outcome = await ben.engine.sync();
		expect(outcome.pull.reset).toBe(true);
		expect((await storedIn(ben.db).records()).map((r) => r.id).sort()).toEqual([kept.id, bens.id].sort());
		await anna.engine.sync();
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
	});

	it('a device whose unsettled answers the server has since forgotten sends its changes again, as new, losing nothing', async () => {
		const anna = device('anna');
		const ben = device('ben');
		const hall = await anna.assets.create('eden', HALL);
		await anna.assets.create('eden', { ...HALL, name: 'Chapel' });
		await anna.assets.create('eden', { ...HALL, name: 'Institute' });
		const waiting = await anna.db.outbox.toArray();
		await anna.engine.sync();
		// As if the tab had closed before the answers were stored: the changes wait again, numbered.
		await anna.db.outbox.bulkPut(waiting);
		// A month on, Ben renames the hall, and the server forgets all but Anna's latest answer.
		clock.advance(31 * DAY);
		await ben.engine.sync();
		await ben.assets.update(hall.id, { ...HALL, name: 'Village hall (new roof)' });
		await ben.engine.sync();
		expect(await pruneAnswers(server.database, new Date(T0 + 30 * DAY), { kept: 1 })).toBe(2);

		const outcome = await anna.engine.sync();
		expect(outcome.push).toMatchObject({ applied: 3, refused: 0 });
		expect(await anna.db.outbox.count()).toBe(0);
		expect(await anna.db.refused.count()).toBe(0);
		// Sent again as new changes, they kept Ben's later name: the older one is a conflict to review.
		await ben.engine.sync();
		expect(await everything(ben.db)).toEqual(await everything(anna.db));
		const names = (await storedIn(anna.db).records()).map((r) => r.data.name).sort();
		expect(names).toEqual(['Chapel', 'Institute', 'Village hall (new roof)']);
		const conflicts = await server.database.db.selectFrom('conflict').select(['field', 'status']).execute();
		expect(conflicts).toEqual([{ field: 'name', status: 'open' }]);
	});
});
