import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDatabase } from '../store/database';
import { RecordRepository } from '../store/repository';
import {
	noteKind,
	steppedOptions,
	testId,
	type Note,
	storedIn,
	storeIn,
	testDatabase
} from '../store/testing';
import { readSyncCounts, syncStateOf } from './counts';
import { SyncEngine } from './engine';
import { DeviceSync } from './sync.svelte';
import { recordPage, ScriptedTransport } from './testing';
import { ClientTooOld, ServerUnreachable } from './transport';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;
let server: ScriptedTransport;

beforeEach(() => {
	db = testDatabase('view');
	notes = new RecordRepository(db, noteKind, steppedOptions());
	server = new ScriptedTransport();
});
afterEach(async () => {
	await db.delete();
});

const refuseEverything = () =>
	(server.onPush = (request) => ({
		lastMutationId: request.mutations.at(-1)?.id ?? 0,
		results: request.mutations.map((m) => ({ id: m.id, status: 'rejected' as const, reason: 'No' }))
	}));

/** Wait until `check` passes (live queries answer asynchronously). */
async function eventually(check: () => void): Promise<void> {
	for (let i = 0; ; i++) {
		try {
			return check();
		} catch (error) {
			if (i > 100) throw error;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}
}

describe('sync counts', () => {
	it('count waiting, refused and open conflicts, leaving out conflicts a waiting change settles', async () => {
		const waiting = await notes.create('eden', { title: 'Waiting', status: 'open' });
		const refused = await notes.create('eden', { title: 'Refused', status: 'open' });
		await storeIn(db).refused([{ entry: (await storedIn(db).outbox())[1]!, reason: 'No', at: '' }]);
		await db.outbox.where('recordId').equals(refused.id).delete();
		const conflict = {
			type: 'asset' as const,
			areaId: 'eden' as const,
			field: 'title',
			status: 'open' as const,
			kept: { value: 'A', hlc: waiting.versions.title!, clientId: 'x', deviceName: null, staffId: null },
			other: { value: 'B', hlc: waiting.versions.title!, clientId: 'y', deviceName: null, staffId: null },
			detectedAt: '2026-11-23T10:00:00.000Z',
			resolvedAt: null,
			resolvedBy: null
		};
		await storeIn(db).conflicts([
			{ ...conflict, id: testId(1), recordId: testId(50) },
			{ ...conflict, id: testId(2), recordId: testId(51) },
			{ ...conflict, id: testId(3), recordId: testId(52), status: 'resolved' }
		]);
		let counts = await readSyncCounts(db);
		expect(counts).toMatchObject({ pending: 1, refused: 1, openConflicts: 2, lastSuccessAt: null });
		expect(syncStateOf(counts, waiting.id)).toBe('waiting');
		expect(syncStateOf(counts, refused.id)).toBe('refused');
		expect(syncStateOf(counts, testId(50))).toBe('conflict');
		expect(syncStateOf(counts, testId(52))).toBe('synced');

		const { seq: _, ...first } = (await storedIn(db).outbox())[0]!;
		await storeIn(db).outbox([{ ...first, resolves: [testId(1)] }]);
		counts = await readSyncCounts(db);
		expect(counts.openConflicts).toBe(1);
		expect(syncStateOf(counts, testId(50))).toBe('synced');
	});
});

describe('DeviceSync', () => {
	function start(options: { online?: () => boolean } = {}) {
		const sync = new DeviceSync(db, new SyncEngine(db, { transport: server }), options);
		const stop = sync.start(
			new EventTarget(),
			Object.assign(new EventTarget(), { visibilityState: 'visible' as const })
		);
		return { sync, stop };
	}

	it('syncs on start and follows every write: waiting, then safe to hand in', async () => {
		const { sync, stop } = start();
		try {
			await eventually(() => expect(sync.lastSuccessAt).not.toBeNull());
			expect(sync.safeToHandIn).toBe(true);
			const note = await notes.create('eden', { title: 'Open day', status: 'open' });
			await eventually(() => expect(sync.pending).toBe(1));
			expect(sync.safeToHandIn).toBe(false);
			expect(sync.recordSyncState(note.id)).toBe('waiting');
			await sync.syncNow();
			await eventually(() => expect(sync.pending).toBe(0));
			expect(sync).toMatchObject({ phase: 'idle', lastError: null, safeToHandIn: true });
			expect(sync.nextAttemptAt).toMatch(/^\d{4}-/);
		} finally {
			stop();
		}
	});

	it('shows refused changes, bumps the revision when a pull stores something, and discards', async () => {
		const { sync, stop } = start();
		try {
			await eventually(() => expect(sync.lastSuccessAt).not.toBeNull());
			const note = await notes.create('eden', { title: 'Refused', status: 'open' });
			refuseEverything();
			await sync.syncNow();
			await eventually(() => expect(sync.refused).toBe(1));
			expect(sync.recordSyncState(note.id)).toBe('refused');
			expect(sync.safeToHandIn).toBe(false);

			const before = sync.revision;
			server.onPull = () => recordPage([], '9', false);
			await sync.syncNow();
			await eventually(() => expect(sync.revision).toBe(before + 1));

			const [row] = await storedIn(db).refused();
			await sync.discardRefused(row!.id!);
			await eventually(() => expect(sync.refused).toBe(0));
			expect(sync.revision).toBe(before + 2);
			expect(await notes.get(note.id)).toBeUndefined();
		} finally {
			stop();
		}
	});

	it('explains failures, and stops when the app must be updated', async () => {
		server.onPull = () => {
			throw ServerUnreachable.because('the connection failed');
		};
		const { sync, stop } = start();
		try {
			await eventually(() => expect(sync.phase).toBe('retrying'));
			expect(sync.lastError).toMatch(/^Could not reach the Fellside server/);
			server.onPull = () => {
				throw new ClientTooOld('Update Fellside to keep syncing.');
			};
			await sync.syncNow();
			expect(sync.phase).toBe('update-needed');
			expect(sync.lastError).toBe('Update Fellside to keep syncing.');
		} finally {
			stop();
		}
	});

	it('says it is offline and does not try', async () => {
		const { sync, stop } = start({ online: () => false });
		try {
			expect(sync.online).toBe(false);
			expect(sync.phase).toBe('offline');
			await sync.syncNow();
			expect(server.pulls).toEqual([]);
		} finally {
			stop();
		}
	});
});
