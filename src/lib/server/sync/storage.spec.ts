import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { available, testDatabases } from '../db/testing';
import { writeTransaction } from './storage';
import { openSyncDatabase } from './testing';

const WRITERS = 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases)('sync writes on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	it.skipIf(!available(kind))(
		'queue in the process, so a storm of writers leaves connections for everything else',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			let finished = 0;
			const order: number[] = [];
			const writers = Array.from({ length: WRITERS }, (_, i) =>
				writeTransaction(database, async (trx) => {
					await sql`select 1`.execute(trx);
					await sleep(40);
					order.push(i);
					finished++;
				})
			);
			// A pull (a read outside the writers' queue) is answered while the writers still wait.
			await sql`select 1`.execute(database.db);
			expect(finished).toBeLessThanOrEqual(1);

			await Promise.all(writers);
			expect(order).toEqual(Array.from({ length: WRITERS }, (_, i) => i));
		}
	);

	it.skipIf(!available(kind))('a failed writer does not stop the ones queued after it', async () => {
		const { database, cleanup: close } = await openSyncDatabase(kind);
		cleanup = close;
		const failing = writeTransaction(database, () => Promise.reject(new Error('broken change')));
		const next = writeTransaction(
			database,
			async (trx) => (await sql<{ n: number }>`select 1 as n`.execute(trx)).rows
		);
		await expect(failing).rejects.toThrow('broken change');
		expect(await next).toEqual([{ n: 1 }]);
	});
});
