import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '$lib/domain/sync/hlc';
import type { PullResponse } from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import { DAY, HALL, openSyncDatabase, ProtocolDevice, serverClock, SYNC_STAFF, T0 } from './testing';
import type { SyncServer } from './http';
import { writeTransaction, type SyncDatabase } from './storage';

describe.each(testDatabases)('push on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		vi.useRealTimers();
		await cleanup?.();
		cleanup = undefined;
	});

	async function setUp(options: Pick<SyncServer, 'waitForEarlierMs'> = {}) {
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		const time = serverClock(T0 + 1000);
		const server: SyncServer = { database: opened.database, now: time.clock, ...options };
		const device = (name: string, wall?: () => number) => new ProtocolDevice(server, name, wall);
		return { database: opened.database, server, time, device };
	}

	/**
	 * A device's two pushes (changes 1–2 and 3–4) queued behind a write held until `release`, the
	 * later one first, as when the network delivers them out of order in a busy moment.
	 */
	async function laterPushFirst(waitForEarlierMs: number) {
		const { database, device } = await setUp({ waitForEarlierMs });
		const anna = device('Anna');
		for (let i = 0; i < 4; i++) anna.create();
		let unblock = () => {};
		const held = new Promise<void>((resolve) => (unblock = resolve));
		const blocker = writeTransaction(database, () => held);
		const second = anna.request('push', { mutations: anna.outbox.slice(2) });
		const first = anna.request('push', { mutations: anna.outbox.slice(0, 2) });
		const release = async () => {
			unblock();
			await blocker;
		};
		return { database, first, second, release };
	}

	async function counts(database: SyncDatabase) {
		const count = async (table: 'record' | 'sync_mutation' | 'conflict' | 'change_log') =>
			Number(
				(
					await database.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number | string>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const state = await database.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
		return {
			records: await count('record'),
			answers: await count('sync_mutation'),
			conflicts: await count('conflict'),
			log: await count('change_log'),
			seq: Number(state.seq)
		};
	}

	it.skipIf(!available(kind))(
		'applies new records and a second device pulls them with versions',
		async () => {
			const { device } = await setUp();
			const anna = device("Anna's tablet");
			const created = anna.create();
			const answer = await anna.push();
			expect(answer).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied', conflicts: [] }] });

			const ben = device("Ben's phone");
			await ben.pull();
			const record = ben.records.get(created.recordId);
			expect(record?.data).toMatchObject(HALL);
			expect(record?.versions.name).toBe(created.hlc);
			expect(record?.versions['@area']).toBe(created.hlc);
		}
	);

	it.skipIf(!available(kind))('applies each change exactly once: replays get the stored answer', async () => {
		const { database, device } = await setUp();
		const anna = device('Anna');
		const hall = anna.create();
		anna.create({ ...HALL, name: '' });
		const sent = [...anna.outbox];
		const first = await anna.push();
		const before = await counts(database);
		const again = await anna.push(sent);
		expect(again).toEqual(first);
		expect(await counts(database)).toEqual(before);

		// A replay and a new change in one push: only the new one is applied.
		anna.edit(hall.recordId, { description: 'Hall with a new roof' });
		const mixed = await anna.push([...sent, ...anna.outbox]);
		expect(mixed.lastMutationId).toBe(3);
		expect(mixed.results.slice(0, 2)).toEqual(first.results);
		expect(mixed.results[2]).toEqual({ id: 3, status: 'applied', conflicts: [] });
		expect((await counts(database)).answers).toBe(3);
	});

	it.skipIf(!available(kind))(
		'response lost after the server committed: the resend gets the same answer, nothing applied twice',
		async () => {
			const { database, device } = await setUp();
			const anna = device('Anna');
			const ben = device('Ben');
			const hall = anna.create();
			await anna.push();
			await ben.pull();
			await anna.pull();
			anna.edit(hall.recordId, { name: 'Anna’s name' });
			ben.edit(hall.recordId, { name: 'Ben’s name' });
			await anna.push();
			const lost = [...ben.outbox];
			const answer = await ben.push();
			expect(answer.results[0]?.conflicts).toHaveLength(1);
			const before = await counts(database);

			// The answer never reached Ben's device: it still holds the change and sends it again.
			ben.outbox = lost;
			const resent = await ben.push();
			expect(resent).toEqual(answer);
			expect(await counts(database)).toEqual(before);
			expect(before.conflicts).toBe(1);
		}
	);

	it.skipIf(!available(kind))('answers a gap with the id it expects, and applies nothing', async () => {
		const { database, device } = await setUp();
		const anna = device('Anna');
		anna.create();
		anna.create();
		anna.create();
		const answer = await anna.request('push', { mutations: anna.outbox.slice(2) });
		expect(answer).toEqual({
			status: 409,
			body: {
				error: {
					status: 409,
					code: 'mutation-gap',
					message: expect.stringContaining('expected change number 1') as string,
					expectedMutationId: 1,
					numbering: 1
				}
			}
		});
		expect(await counts(database)).toMatchObject({ records: 0, answers: 0, seq: 0 });
		expect((await anna.push()).lastMutationId).toBe(3);
	});

	it.skipIf(!available(kind))(
		'a push that arrives before the one ahead of it waits for that one, then is applied',
		async () => {
			const { database, device } = await setUp({ waitForEarlierMs: 5000 });
			const anna = device('Anna');
			for (let i = 0; i < 4; i++) anna.create();
			const second = anna.request('push', { mutations: anna.outbox.slice(2) });
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(await counts(database)).toMatchObject({ records: 0, answers: 0 });
			const first = await anna.request('push', { mutations: anna.outbox.slice(0, 2) });
			expect(first).toMatchObject({ status: 200, body: { lastMutationId: 2 } });
			expect(await second).toMatchObject({
				status: 200,
				body: {
					lastMutationId: 4,
					results: [
						{ id: 3, status: 'applied' },
						{ id: 4, status: 'applied' }
					]
				}
			});
			expect(await counts(database)).toMatchObject({ records: 4, answers: 4 });
		}
	);

	it.skipIf(!available(kind))(
		'a push committed in the same group as the one ahead of it is applied at once, not after a look again',
		async () => {
			const { database, first, second, release } = await laterPushFirst(5000);
			// They commit together, in that order. No timer fires from here: a push that waited for
			// one to look again would never finish (and the test time out).
			vi.useFakeTimers({ toFake: ['setTimeout'] });
			await release();
			expect(await first).toMatchObject({ status: 200, body: { lastMutationId: 2 } });
			expect(await second).toMatchObject({ status: 200, body: { lastMutationId: 4 } });
			vi.useRealTimers();
			expect(await counts(database)).toMatchObject({ records: 4, answers: 4 });
		},
		5000
	);

	it.skipIf(!available(kind))(
		'a push that arrived early waits as long as the push ahead of it is being handled here, not only its usual wait',
		async () => {
			// A storm: both wait behind other devices' pushes far longer than the usual wait (50 ms).
			const { database, first, second, release } = await laterPushFirst(50);
			await new Promise((resolve) => setTimeout(resolve, 200));
			await release();
			expect(await first).toMatchObject({ status: 200, body: { lastMutationId: 2 } });
			// Not a gap: that would have made the device renumber, and its other pushes refused as stale.
			expect(await second).toMatchObject({ status: 200, body: { lastMutationId: 4 } });
			expect(await counts(database)).toMatchObject({ records: 4, answers: 4 });
			const [client] = await database.db.selectFrom('sync_client').select('gaps_answered').execute();
			expect(Number(client?.gaps_answered)).toBe(0);
		}
	);

	it.skipIf(!available(kind))(
		'a push still ahead when its wait is over is answered with the id expected, and applies nothing',
		async () => {
			const { database, device } = await setUp({ waitForEarlierMs: 120 });
			const anna = device('Anna');
			for (let i = 0; i < 3; i++) anna.create();
			const answer = await anna.request('push', { mutations: anna.outbox.slice(1) });
			expect(answer).toMatchObject({ status: 409, body: { error: { expectedMutationId: 1 } } });
			expect(await counts(database)).toMatchObject({ records: 0, answers: 0 });
		}
	);

	it.skipIf(!available(kind))(
		'a push still waiting when its device is told of a gap is never applied, even once its ids fit',
		async () => {
			const { database, server, device } = await setUp({ waitForEarlierMs: 5000 });
			const anna = device('Anna');
			for (let i = 0; i < 6; i++) anna.create();
			const changes = [...anna.outbox];
			await anna.push(changes.slice(0, 2));
			// Held back waiting for 3 and 4.
			const held = anna.request('push', { mutations: changes.slice(4) });
			await new Promise((resolve) => setTimeout(resolve, 50));
			// Another server process, which answers gaps at once, tells the device of one…
			const elsewhere = new ProtocolDevice(
				{ ...server, waitForEarlierMs: 0 },
				'Anna',
				undefined,
				SYNC_STAFF,
				anna.clientId
			);
			expect((await elsewhere.request('push', { mutations: changes.slice(3, 4) })).status).toBe(409);
			expect(elsewhere.numbering).toBe(1);
			// …and the device, having renumbered, fills 3 and 4 with other changes: the held push now fits.
			await elsewhere.push(changes.slice(2, 4));
			expect(await held).toMatchObject({
				status: 409,
				body: { error: { code: 'numbering-stale', numbering: 1 } }
			});
			expect(await counts(database)).toMatchObject({ records: 4, answers: 4 });
		}
	);

	it.skipIf(!available(kind))(
		'a push numbered before its device was last told of a gap is refused and never applied, even when its ids fit',
		async () => {
			const { database, device } = await setUp();
			const anna = device('Anna');
			for (let i = 0; i < 6; i++) anna.create();
			const changes = [...anna.outbox];
			const send = (mutations: typeof changes, numbering: number) =>
				anna.request('push', { mutations, numbering });
			expect((await send(changes.slice(0, 2), 0)).status).toBe(200);
			// 5 and 6 leave, numbered as things stand, and are held up on the way. Meanwhile the device
			// is told of a gap, renumbers, and fills 3 and 4 with other changes.
			expect(await send(changes.slice(3, 4), 0)).toMatchObject({
				status: 409,
				body: { error: { numbering: 1 } }
			});
			expect((await send(changes.slice(2, 4), 1)).status).toBe(200);
			// The late push's ids now follow on; it is still refused, and the refusal is not a gap.
			expect(await send(changes.slice(4), 0)).toMatchObject({
				status: 409,
				body: { error: { code: 'numbering-stale', numbering: 1 } }
			});
			expect(await counts(database)).toMatchObject({ records: 4, answers: 4 });
			expect((await send(changes.slice(4), 1)).status).toBe(200);
		}
	);

	it.skipIf(!available(kind))(
		'a device too old to say how it numbered is asked to update once it has been told of a gap',
		async () => {
			const { database, device } = await setUp();
			const anna = device('Anna');
			for (let i = 0; i < 3; i++) anna.create();
			const changes = [...anna.outbox];
			const old = (mutations: typeof changes) => anna.request('push', { mutations, numbering: undefined });
			expect((await old(changes.slice(0, 1))).status).toBe(200);
			expect((await old(changes.slice(2))).status).toBe(409);
			expect(await old(changes.slice(1, 2))).toMatchObject({
				status: 426,
				body: { error: { code: 'client-too-old' } }
			});
			expect(await counts(database)).toMatchObject({ records: 1, answers: 1 });
		}
	);

	it.skipIf(!available(kind))('refuses a push whose ids do not follow each other', async () => {
		const { device } = await setUp();
		const anna = device('Anna');
		anna.create();
		anna.create();
		anna.create();
		const answer = await anna.request('push', { mutations: [anna.outbox[0], anna.outbox[2]] });
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('change 3 follows 1');
	});

	it.skipIf(!available(kind))(
		'a device that lost its numbering is told where to number from, not taken for a replay',
		async () => {
			const { device } = await setUp();
			const anna = device('Anna');
			anna.create();
			await anna.push();
			const stale = { ...anna.create(), id: 1 };
			const answer = await anna.request('push', { mutations: [stale] });
			expect(answer.status).toBe(409);
			expect(answer.body).toMatchObject({ error: { code: 'mutation-gap', expectedMutationId: 2 } });
		}
	);

	it.skipIf(!available(kind))(
		'a poisoned mutation is rejected with a reason and does not block the rest',
		async () => {
			const { database, device } = await setUp();
			const anna = device('Anna');
			const first = anna.create();
			anna.create({ ...HALL, name: '' });
			anna.edit('9d3c1e52-0000-4000-8000-000000000000', { name: 'Nowhere' });
			anna.create({ ...HALL, colour: 'red' });
			const last = anna.create({ ...HALL, name: 'Chapel' });
			const answer = await anna.push();
			expect(answer.lastMutationId).toBe(5);
			expect(answer.results).toEqual([
				{ id: 1, status: 'applied', conflicts: [] },
				{
					id: 2,
					status: 'rejected',
					reason: 'Enter the name (name)',
					errors: [{ path: 'name', message: 'Enter the name' }]
				},
				{ id: 3, status: 'rejected', reason: expect.stringContaining('not on the server') as string },
				{
					id: 4,
					status: 'rejected',
					reason: 'Unknown field: colour',
					errors: [{ path: 'colour', message: 'colour is not a field of a asset' }]
				},
				{ id: 5, status: 'applied', conflicts: [] }
			]);
			const ids = (await database.db.selectFrom('record').select('id').execute()).map((r) => r.id);
			expect(ids.sort()).toEqual([first.recordId, last.recordId].sort());
			// The next push carries on from 6: the refusals advanced the id.
			anna.create();
			expect((await anna.push()).lastMutationId).toBe(6);
		}
	);

	it.skipIf(!available(kind))(
		'records a conflict with both values and who made them; a resolution settles it everywhere',
		async () => {
			const { database, device } = await setUp();
			const anna = device("Anna's tablet");
			// Ben edits later: his value wins.
			const ben = device("Ben's phone", () => T0 + 5000);
			const hall = anna.create();
			await anna.sync();
			await ben.sync();
			anna.edit(hall.recordId, { name: 'Hall (Anna)', description: 'Anna' });
			ben.edit(hall.recordId, { name: 'Hall (Ben)', organisation: 'Ben' });
			await anna.sync();
			const [result] = (await ben.push()).results;
			const conflictId = result?.conflicts?.[0] as string;
			expect(result?.conflicts).toHaveLength(1);

			const pages = await anna.pull();
			const conflict = pages.flatMap((p) => (p.reset ? [] : p.changes)).find((c) => c.kind === 'conflict');
			expect(conflict).toMatchObject({
				kind: 'conflict',
				conflict: {
					id: conflictId,
					recordId: hall.recordId,
					type: 'asset',
					areaId: 'eden',
					field: 'name',
					status: 'open',
					kept: {
						value: 'Hall (Ben)',
						clientId: ben.clientId,
						deviceName: "Ben's phone",
						staffId: SYNC_STAFF.staffId
					},
					other: {
						value: 'Hall (Anna)',
						clientId: anna.clientId,
						deviceName: "Anna's tablet",
						staffId: SYNC_STAFF.staffId
					},
					resolvedAt: null,
					resolvedBy: null
				}
			});
			// Different fields both survive.
			expect(anna.records.get(hall.recordId)?.data).toMatchObject({
				name: 'Hall (Ben)',
				description: 'Anna',
				organisation: 'Ben'
			});

			anna.resolve(hall.recordId, [conflictId], { name: 'Hall (Anna)' });
			expect((await anna.push()).results[0]).toEqual({ id: 3, status: 'applied', conflicts: [] });
			const later = await ben.pull();
			const settled = later.flatMap((p) => (p.reset ? [] : p.changes)).find((c) => c.kind === 'conflict');
			expect(settled).toMatchObject({
				conflict: { id: conflictId, status: 'resolved', resolvedBy: anna.clientId }
			});
			expect(ben.records.get(hall.recordId)?.data.name).toBe('Hall (Anna)');
			const stored = await database.db.selectFrom('conflict').selectAll().execute();
			expect(stored).toHaveLength(1);
		}
	);

	it.skipIf(!available(kind))(
		'archiving a record another device edited raises a conflict on @archived',
		async () => {
			const { device } = await setUp();
			const anna = device('Anna');
			const ben = device('Ben');
			const hall = anna.create();
			await anna.sync();
			await ben.sync();
			ben.edit(hall.recordId, { description: 'New roof' });
			anna.archive(hall.recordId);
			await ben.sync();
			const [result] = (await anna.push()).results;
			expect(result?.conflicts).toHaveLength(1);
			const pages = await ben.pull();
			const changes = pages.flatMap((p) => (p.reset ? [] : p.changes));
			expect(changes.find((c) => c.kind === 'conflict')).toMatchObject({
				conflict: { field: '@archived', kept: { value: true }, other: { value: { description: 'New roof' } } }
			});
			const record = ben.records.get(hall.recordId);
			expect(record?.archivedAt).not.toBeNull();
			expect(record?.data.description).toBe('New roof');
		}
	);

	it.skipIf(!available(kind))(
		'device clock ±3 days: both sync, the fast one is clamped, the slow one catches up',
		async () => {
			const { device, time } = await setUp();
			const fast = device('Fast', () => T0 + 3 * DAY);
			const slow = device('Slow', () => T0 - 3 * DAY);
			const hall = fast.create();
			await fast.sync();
			await slow.pull();
			const stored = slow.records.get(hall.recordId);
			expect(decodeHlc(stored?.versions.name ?? '').ms).toBeLessThanOrEqual(
				time.clock() + MAX_CLOCK_AHEAD_MS
			);

			// The slow device saw the record, so its clock moved past every stamp in it: its edit is
			// no conflict and wins, though its wall clock is six days behind the other device's.
			time.advance(60_000);
			slow.edit(hall.recordId, { name: 'Renamed on the slow device' });
			expect((await slow.push()).results[0]).toEqual({ id: 1, status: 'applied', conflicts: [] });
			await fast.pull();
			expect(fast.records.get(hall.recordId)?.data.name).toBe('Renamed on the slow device');

			// Concurrent edits: the fast device's stamp, clamped to the server's time, does not beat
			// an edit made a minute later by the server's clock.
			fast.edit(hall.recordId, { description: 'fast' });
			await fast.push();
			time.advance(60_000);
			const server = device('On time', () => time.clock());
			await server.pull();
			slow.edit(hall.recordId, { description: 'slow' });
			server.edit(hall.recordId, { description: 'later' });
			await slow.push();
			await server.push();
			await fast.pull();
			expect(fast.records.get(hall.recordId)?.data.description).toBe('later');
		}
	);

	it.skipIf(!available(kind))('a change to a record removed for good is refused with a reason', async () => {
		const { database, device } = await setUp();
		const { purgeRecord } = await import('./purge');
		const anna = device('Anna');
		const hall = anna.create();
		await anna.sync();
		expect(await purgeRecord(database, hall.recordId)).toBe(true);
		anna.edit(hall.recordId, { name: 'Too late' });
		const recreate = { ...anna.create(), recordId: hall.recordId };
		anna.outbox[1] = recreate;
		const answer = await anna.push();
		expect(answer.results.map((r) => r.reason)).toEqual([
			expect.stringContaining('removed from the server for good'),
			expect.stringContaining('removed from the server for good')
		]);
		const pages: PullResponse[] = await anna.pull();
		expect(pages.at(-1)).toMatchObject({
			changes: [{ kind: 'tombstone', id: hall.recordId, type: 'asset' }]
		});
	});
});
