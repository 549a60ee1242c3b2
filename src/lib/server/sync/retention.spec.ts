import { afterEach, describe, expect, it } from 'vitest';
import { BATCHES_IN_FLIGHT, BATCHES_UNSETTLED_AT_MOST } from '$lib/client/sync/push';
import { PUSH_MAX_MUTATIONS } from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import type { SyncServer } from './http';
import { ANSWERS_KEPT, purgeRecord, type AnswerPruning } from './purge';
import { pruneSyncDaily } from './retention';
import { DAY, openSyncDatabase, ProtocolDevice, serverClock, T0 } from './testing';

describe.each(testDatabases)('sync retention on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function setUp() {
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		const time = serverClock(T0);
		const server: SyncServer = { database: opened.database, now: time.clock };
		return { database: opened.database, server, time };
	}

	const prune = (server: SyncServer, now: number, answers?: AnswerPruning) => {
		const pruning = pruneSyncDaily(server.database, { now: () => now, ...(answers ? { answers } : {}) });
		pruning.stop();
		return pruning.firstRun;
	};

	it.skipIf(!available(kind))('prunes at start-up only the tombstones past the horizon', async () => {
		const { database, server } = await setUp();
		const device = new ProtocolDevice(server, 'Anna');
		const old = device.create();
		const recent = device.create();
		await device.push();
		await purgeRecord(database, old.recordId, { now: () => T0 });
		await purgeRecord(database, recent.recordId, { now: () => T0 + 80 * DAY });

		expect(await prune(server, T0 + 91 * DAY)).toEqual({ tombstones: 1, answers: 0 });
		const left = await database.db.selectFrom('tombstone').select('record_id').execute();
		expect(left).toEqual([{ record_id: recent.recordId }]);
	});

	it.skipIf(!available(kind))(
		"keeps each device's latest answers and any recent one, and forgets the rest",
		async () => {
			const { database, server, time } = await setUp();
			const anna = new ProtocolDevice(server, 'Anna');
			const ben = new ProtocolDevice(server, 'Ben');
			for (let i = 0; i < 5; i++) anna.create();
			ben.create();
			await anna.push();
			await ben.push();
			time.set(T0 + 20 * DAY);
			anna.create();
			await anna.push();

			// 31 days on: Anna's ids 1 to 3 are old and behind her latest 3; 4 to 6 are her latest 3.
			expect(await prune(server, T0 + 31 * DAY, { kept: 3 })).toEqual({ tombstones: 0, answers: 3 });
			const kept = await database.db
				.selectFrom('sync_mutation')
				.select(['client_id', 'mutation_id'])
				.orderBy('client_id')
				.orderBy('mutation_id')
				.execute();
			const ids = (clientId: string) =>
				kept.filter((row) => row.client_id === clientId).map((row) => Number(row.mutation_id));
			expect(ids(anna.clientId)).toEqual([4, 5, 6]);
			expect(ids(ben.clientId)).toEqual([1]);
			// Nothing more to forget the next day.
			expect(await prune(server, T0 + 32 * DAY, { kept: 3 })).toEqual({ tombstones: 0, answers: 0 });
		}
	);

	it.skipIf(!available(kind))(
		'keeps answers younger than 30 days behind the latest, and removes old ones a few at a time',
		async () => {
			const { database, server, time } = await setUp();
			const anna = new ProtocolDevice(server, 'Anna');
			for (let i = 0; i < 5; i++) anna.create();
			await anna.push();
			time.set(T0 + 10 * DAY);
			for (let i = 0; i < 5; i++) anna.create();
			await anna.push();

			// 35 days on: ids 1 to 5 are old, 6 to 10 younger than 30 days, though behind the latest 1.
			const answers = { kept: 1, perTransaction: 2 };
			expect(await prune(server, T0 + 35 * DAY, answers)).toEqual({ tombstones: 0, answers: 5 });
			const left = await database.db.selectFrom('sync_mutation').select('mutation_id').execute();
			expect(left.map((row) => Number(row.mutation_id)).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
			// Once those are old too, all but the latest go.
			expect(await prune(server, T0 + 45 * DAY, answers)).toEqual({ tombstones: 0, answers: 4 });
		}
	);

	it.skipIf(!available(kind))(
		'a resent change whose answer was forgotten is taken for lost numbering, and applied once as new',
		async () => {
			const { database, server } = await setUp();
			const anna = new ProtocolDevice(server, 'Anna');
			const hall = anna.create();
			anna.create();
			const sent = [...anna.outbox];
			await anna.push();
			await prune(server, T0 + 31 * DAY, { kept: 1 });

			// Change 2's answer is kept: a replay of it alone gets it.
			const kept = await anna.request('push', { mutations: [sent[1]] });
			expect(kept.status).toBe(200);
			// Change 1's is not: the device is told to number from 3, and nothing is applied.
			const forgotten = await anna.request('push', { mutations: sent });
			expect(forgotten.status).toBe(409);
			expect(forgotten.body).toMatchObject({
				error: {
					code: 'mutation-gap',
					expectedMutationId: 3,
					message: expect.stringContaining('older than any the server still keeps an answer for')
				}
			});
			// Renumbered, it goes in as new: the same stamps change nothing and raise no conflict.
			const renumbered = await anna.push([{ ...(sent[0] as (typeof sent)[0]), id: 3 }]);
			expect(renumbered.results).toEqual([{ id: 3, status: 'applied', conflicts: [] }]);
			const records = await database.db.selectFrom('record').select('id').execute();
			expect(records).toHaveLength(2);
			expect(records.map((r) => r.id)).toContain(hall.recordId);
			expect(await database.db.selectFrom('conflict').selectAll().execute()).toEqual([]);
		}
	);
});

describe('how many answers a device may resend', () => {
	it('is far below the answers kept for every device', () => {
		// A device sends another batch only while fewer answers than this wait to be stored, and
		// four batches are on their way at most: see src/lib/client/sync/push.ts.
		const unsettled = (BATCHES_UNSETTLED_AT_MOST + BATCHES_IN_FLIGHT - 1) * PUSH_MAX_MUTATIONS;
		expect(unsettled).toBe(2300);
		expect(ANSWERS_KEPT).toBeGreaterThanOrEqual(4 * unsettled);
	});
});
