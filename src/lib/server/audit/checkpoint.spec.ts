import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_AUDIT_KEY } from '../api/testing';
import { available, testDatabases, type TestDatabase } from '../db/testing';
import { entryHash } from './chain';
import { checkpointAudit, checkpointAuditPeriodically, checkpointMessage } from './checkpoint';
import { ephemeralAuditKey } from './key';
import { recordAudit, type AuditStore } from './log';
import { openAuditStore, tamper } from './testing';
import { verifyAuditChain } from './verify';

const AT = new Date('2026-11-24T09:00:00.000Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);
const signIns = (store: AuditStore, from: number, to: number) =>
	(async () => {
		for (let i = from; i <= to; i++) {
			await recordAudit(store, [{ action: 'sign-in', staffId: `staff-${i}`, details: {} }], minutes(i));
		}
	})();

describe.each(testDatabases)('signed checkpoints of the audit log on $kind (S18)', (kind: TestDatabase) => {
	let store: AuditStore;
	let cleanup: (() => Promise<void>) | undefined;
	beforeEach(async () => {
		if (!available(kind)) return;
		({ store, cleanup } = await openAuditStore(kind));
		await signIns(store, 1, 7);
	});
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});
	const check = () => verifyAuditChain(store.db, TEST_AUDIT_KEY);

	it.skipIf(!available(kind))('signs the latest entry once, and again only after new entries', async () => {
		expect(await checkpointAudit(store, TEST_AUDIT_KEY, minutes(10))).toMatchObject({ seq: 7 });
		expect(await checkpointAudit(store, TEST_AUDIT_KEY, minutes(11))).toBeNull();
		await signIns(store, 8, 9);
		const second = await checkpointAudit(store, TEST_AUDIT_KEY, minutes(12));
		expect(second).toMatchObject({ seq: 9, keyId: TEST_AUDIT_KEY.id });
		expect(
			TEST_AUDIT_KEY.verify(
				checkpointMessage(9, second?.hash ?? '', minutes(12).toISOString()),
				second?.signature ?? ''
			)
		).toBe(true);
		expect(await check()).toEqual({
			ok: true,
			entries: 9,
			checkpoints: 2,
			lastCheckpoint: { seq: 9, at: minutes(12).toISOString() }
		});
	});

	it.skipIf(!available(kind))('has nothing to sign in an empty log', async () => {
		await tamper(store, (db) => db.deleteFrom('audit_log').execute());
		expect(await checkpointAudit(store, TEST_AUDIT_KEY, minutes(10))).toBeNull();
	});

	it.skipIf(!available(kind))(
		'names a log rewritten with every hash computed again, which the chain alone cannot see',
		async () => {
			await checkpointAudit(store, TEST_AUDIT_KEY, minutes(10));
			await signIns(store, 8, 9);
			await checkpointAudit(store, TEST_AUDIT_KEY, minutes(12));
			// Someone with the database in hand changes who signed in at entry 8, and makes the chain whole again.
			await tamper(store, async (db) => {
				const rows = await db
					.selectFrom('audit_log')
					.selectAll()
					.where('seq', '>=', 8)
					.orderBy('seq')
					.execute();
				let prev = (
					await db.selectFrom('audit_log').select('hash').where('seq', '=', 7).executeTakeFirstOrThrow()
				).hash;
				for (const row of rows) {
					const content = {
						...row,
						staff_id: row.staff_id === 'staff-8' ? 'someone-else' : row.staff_id,
						prev_hash: prev
					};
					prev = entryHash(content);
					await db
						.updateTable('audit_log')
						.set({ staff_id: content.staff_id, prev_hash: content.prev_hash, hash: prev })
						.where('seq', '=', row.seq)
						.execute();
				}
			});
			expect(await check()).toMatchObject({
				ok: false,
				entries: 8,
				seq: 9,
				problem: `entry 9 is not the entry signed at ${minutes(12).toISOString()}: the log was rewritten after entry 7 up to this entry, with its hashes computed again`
			});
		}
	);

	it.skipIf(!available(kind))('names entries cut from the end of the log', async () => {
		await checkpointAudit(store, TEST_AUDIT_KEY, minutes(10));
		await tamper(store, (db) => db.deleteFrom('audit_log').where('seq', '>=', 6).execute());
		expect(await check()).toMatchObject({
			ok: false,
			entries: 5,
			seq: 6,
			at: null,
			problem: expect.stringContaining(
				'covers the log up to entry 7: entries were deleted from its end'
			) as string
		});
	});

	it.skipIf(!available(kind))('refuses a checkpoint another key signed', async () => {
		const intruder = ephemeralAuditKey();
		await checkpointAudit(store, intruder, minutes(10));
		expect(await check()).toMatchObject({
			ok: false,
			entries: 6,
			seq: 7,
			problem: expect.stringContaining(`it names key ${intruder.id}, not ${TEST_AUDIT_KEY.id}`) as string
		});
	});

	it.skipIf(!available(kind))(
		'takes checkpoints a replaced key signed once its public half is among the previous keys',
		async () => {
			const retired = ephemeralAuditKey();
			await checkpointAudit(store, retired, minutes(10));
			await signIns(store, 8, 8);
			await checkpointAudit(store, TEST_AUDIT_KEY, minutes(11));
			expect(await verifyAuditChain(store.db, [TEST_AUDIT_KEY, retired])).toMatchObject({
				ok: true,
				entries: 8,
				checkpoints: 2
			});
			expect(await check()).toMatchObject({
				ok: false,
				seq: 7,
				problem: expect.stringContaining(
					'or the key was replaced without its public half added to FELLSIDE_AUDIT_PREVIOUS_KEYS'
				) as string
			});
		}
	);

	it.skipIf(!available(kind))(
		'refuses a checkpoint that names this key but was signed with another',
		async () => {
			const { hash } = await store.db
				.selectFrom('audit_log')
				.select('hash')
				.where('seq', '=', 7)
				.executeTakeFirstOrThrow();
			const at = minutes(10).toISOString();
			const signature = ephemeralAuditKey().sign(checkpointMessage(7, hash, at));
			await store.db
				.insertInto('audit_checkpoint')
				.values({ seq: 7, hash, at, key_id: TEST_AUDIT_KEY.id, signature })
				.execute();
			expect(await check()).toMatchObject({
				ok: false,
				seq: 7,
				problem: expect.stringContaining('its signature is not valid') as string
			});
		}
	);

	it.skipIf(!available(kind))('refuses to change or delete a checkpoint', async () => {
		await checkpointAudit(store, TEST_AUDIT_KEY, minutes(10));
		await expect(
			store.db
				.updateTable('audit_checkpoint')
				.set({ hash: 'f'.repeat(64) })
				.execute()
		).rejects.toThrow(/append-only/);
		await expect(store.db.deleteFrom('audit_checkpoint').execute()).rejects.toThrow(/append-only/);
	});

	it.skipIf(!available(kind))(
		'signs at start-up and when asked (as the server stops), printing each checkpoint',
		async () => {
			const lines: string[] = [];
			const periodic = checkpointAuditPeriodically(store, TEST_AUDIT_KEY, {
				now: () => minutes(10),
				log: (l) => lines.push(l)
			});
			const made = await periodic.firstRun;
			await signIns(store, 8, 8);
			const now = await periodic.runNow();
			expect(await periodic.runNow()).toBeNull();
			periodic.stop();
			expect(made).toMatchObject({ seq: 7 });
			expect(now).toMatchObject({ seq: 8 });
			const line = (c: typeof made) =>
				`Audit checkpoint: entry ${c?.seq} hash ${c?.hash} signed ${minutes(10).toISOString()} by key ${TEST_AUDIT_KEY.id}: ${c?.signature}`;
			expect(lines).toEqual([line(made), line(now)]);
		}
	);
});
