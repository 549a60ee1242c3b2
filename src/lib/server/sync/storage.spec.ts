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

	it.skipIf(!available(kind))(
		'let the process read new requests between groups, however long the queue',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			const order: string[] = [];
			const writers = Array.from({ length: 80 }, (_, i) =>
				writeTransaction(database, async (trx) => {
					await sql`select 1`.execute(trx);
					order.push(`writer ${i}`);
				})
			);
			// A request that arrived meanwhile: read once the group running now has committed.
			setImmediate(() => order.push('request'));
			await Promise.all(writers);
			// Never after the whole queue (the group size is 16; PostgreSQL's network reads let it in sooner).
			expect(order.indexOf('request')).toBeGreaterThanOrEqual(0);
			expect(order.indexOf('request')).toBeLessThanOrEqual(16);
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

	it.skipIf(!available(kind))(
		'writers queued while one runs commit together, each answered after the commit, a failed one undone alone',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			await sql`create table group_test (n integer not null)`.execute(database.db);
			const insert = (trx: Parameters<Parameters<typeof writeTransaction>[1]>[0], n: number) =>
				sql`insert into group_test (n) values (${n})`.execute(trx);
			const events: string[] = [];
			let release = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			const first = writeTransaction(database, async (trx) => {
				await insert(trx, 1);
				await held;
			});
			// These three queue behind the first, so they share the next transaction.
			const second = writeTransaction(database, async (trx) => {
				await insert(trx, 2);
				events.push('second ran');
			}).then(() => events.push('second answered'));
			const failing = writeTransaction(database, async (trx) => {
				await insert(trx, 3);
				throw new Error('broken change');
			});
			const fourth = writeTransaction(database, async (trx) => {
				await insert(trx, 4);
				events.push('fourth ran');
			});
			release();
			await first;
			await expect(failing).rejects.toThrow('broken change');
			await Promise.all([second, fourth]);
			// The second's answer waited for the group's commit, after the fourth's work.
			expect(events).toEqual(['second ran', 'fourth ran', 'second answered']);
			const rows = await sql<{ n: number }>`select n from group_test order by n`.execute(database.db);
			expect(rows.rows.map((row) => Number(row.n))).toEqual([1, 2, 4]);
		}
	);

	it.skipIf(!available(kind) || kind.kind !== 'postgres')(
		'a writer that leaves its transaction failed is answered with the failure, and every other with its own',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			await sql`create table group_test (n integer not null)`.execute(database.db);
			let release = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			const blocker = writeTransaction(database, () => held);
			const settled = <T>(answer: Promise<T>) =>
				answer.then(
					(value) => ({ value }),
					(error: unknown) => ({ error: String(error) })
				);
			// Its work swallows a failed statement, which leaves a PostgreSQL transaction failed.
			const failed = settled(
				writeTransaction(database, async (trx) => {
					await sql`insert into group_test (n) values (1)`.execute(trx);
					await sql`select 1/0`.execute(trx).catch(() => undefined);
					return 'A';
				})
			);
			const others = [2, 3].map((n) =>
				settled(
					writeTransaction(database, async (trx) => {
						await sql`insert into group_test (n) values (${n})`.execute(trx);
						return n;
					})
				)
			);
			release();
			await blocker;
			expect(await failed).toHaveProperty('error');
			expect(await Promise.all(others)).toEqual([{ value: 2 }, { value: 3 }]);
			const rows = await sql<{ n: number }>`select n from group_test order by n`.execute(database.db);
			expect(rows.rows.map((row) => Number(row.n))).toEqual([2, 3]);
		}
	);

	it.skipIf(!available(kind) || kind.kind !== 'postgres')(
		'a writer alone that leaves its transaction failed is answered with the failure, not a silent rollback',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			await sql`create table group_test (n integer not null)`.execute(database.db);
			const alone = writeTransaction(database, async (trx) => {
				await sql`insert into group_test (n) values (1)`.execute(trx);
				await sql`select 1/0`.execute(trx).catch(() => undefined);
				return 'A';
			});
			await expect(alone).rejects.toThrow();
			const rows = await sql<{ n: number }>`select n from group_test`.execute(database.db);
			expect(rows.rows).toEqual([]);
		}
	);
});
