import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUSH_MAX_BYTES, type PushRequest } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { RecordRepository } from '../store/repository';
import { noteKind, steppedOptions, type Note, storedIn, testDatabase } from '../store/testing';
import { SyncEngine } from './engine';
import { BATCHES_IN_FLIGHT, BATCHES_UNSETTLED_AT_MOST, jsonBytes } from './push';
import { acknowledgeAll, ScriptedTransport } from './testing';
import { BadAnswer, MutationGap, NumberingStale, RequestRejected, ServerUnreachable } from './transport';

let db: DeviceDatabase;
let notes: RecordRepository<Note>;
let server: ScriptedTransport;
let engine: SyncEngine;

beforeEach(() => {
	db = testDatabase('push');
	notes = new RecordRepository(db, noteKind, steppedOptions());
	server = new ScriptedTransport();
	engine = new SyncEngine(db, { transport: server, deviceName: "Anna's tablet" });
});
afterEach(async () => {
	await db.delete();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server that applies each id once, in order, and answers a batch that skips ids with a gap
 * (`held`: ids it has applied already).
 */
function exactlyOnceServer(held = 0) {
	const applied = Array.from({ length: held }, (_, i) => i + 1);
	let last = held;
	const model = (request: PushRequest) => {
		const first = request.mutations[0]?.id ?? last + 1;
		if (first > last + 1) throw new MutationGap(`Expected mutation ${last + 1}`, last + 1);
		for (const mutation of request.mutations) if (mutation.id > last) applied.push(mutation.id);
		last = Math.max(last, request.mutations.at(-1)?.id ?? 0);
		return { ...acknowledgeAll(request), lastMutationId: last };
	};
	return { model, applied };
}

const createNotes = async (count: number, tags: string[] = []) => {
	for (let i = 0; i < count; i++) await notes.create('eden', { title: `Note ${i}`, status: 'open', tags });
};

describe('push', () => {
	it('sends every waiting change in order with ids from 1, saved before sending, and clears what was acknowledged', async () => {
		const note = await notes.create('eden', { title: 'Open day', status: 'open' });
		await notes.update(note.id, { ...note.data, status: 'done' });
		server.onPush = async (request) => {
			// The ids are on disk before the request leaves.
			expect((await storedIn(db).outbox()).map((e) => e.mutationId)).toEqual([1, 2]);
			return acknowledgeAll(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 2, refused: 0 });
		const [request] = server.pushes as [PushRequest];
		expect(request).toMatchObject({ protocol: 1, schemaVersion: 1, deviceName: "Anna's tablet" });
		expect(request.clientId).toBe((await db.meta.get('sync.clientId'))?.value);
		expect(request.mutations.map((m) => [m.id, m.op])).toEqual([
			[1, 'create'],
			[2, 'update']
		]);
		expect(request.mutations[1]).toMatchObject({ set: { status: 'done' } });
		// Keys the device knew no version of are left out of the base: a new record's are all such.
		expect(request.mutations[0]?.base).toEqual({});
		expect(request.mutations[1]?.base).not.toHaveProperty('@archived');
		expect(await db.outbox.count()).toBe(0);

		await notes.update(note.id, { ...note.data, title: 'Again' });
		server.onPush = acknowledgeAll;
		await engine.sync();
		expect(server.pushes[1]?.mutations.map((m) => m.id)).toEqual([3]);
	});

	it('sends nothing when nothing waits, and records when the sync went well', async () => {
		const outcome = await engine.sync();
		expect(server.pushes).toEqual([]);
		expect((await db.meta.get('sync.lastSuccessAt'))?.value).toBe(outcome.at);
	});

	it('batches at most 100 changes a push', async () => {
		await createNotes(230);
		await engine.sync();
		expect(server.pushes.map((p) => p.mutations.length)).toEqual([100, 100, 30]);
		expect(server.pushed.map((m) => m.id)).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
	});

	it('numbers ten batches in one go, saved before the first leaves, and reads the next ten while they travel', async () => {
		await createNotes(1050);
		const lastSeq = (await db.outbox.orderBy('seq').last())?.seq as number;
		const numberedInTime = async (seq: number, ms: number) => {
			for (const until = Date.now() + ms; Date.now() < until; await pause(10))
				if (Number((await db.meta.get('sync.numberedThrough'))?.value) >= seq) return true;
			return false;
		};
		let allNumberedBeforeFirstAnswer = false;
		const numberedWhenSent: number[] = [];
		const waitingWhenSent: number[] = [];
		let onTheirWay = 0;
		const onTheirWayWhenSent: number[] = [];
		let eleventhSent = () => {};
		const eleventh = new Promise<void>((resolve) => (eleventhSent = resolve));
		server.onPush = async (request) => {
			onTheirWayWhenSent.push(++onTheirWay);
			const outbox = await storedIn(db).outbox();
			const through = Number((await db.meta.get('sync.numberedThrough'))?.value);
			numberedWhenSent.push(outbox.filter((e) => (e.seq as number) <= through).length);
			waitingWhenSent.push(outbox.length);
			const first = request.mutations[0]?.id ?? 0;
			// The first answer is held until the last 50 are numbered too (or two seconds have passed).
			if (first === 1) allNumberedBeforeFirstAnswer = await numberedInTime(lastSeq, 2000);
			// The last batches of the first ten are answered only once the eleventh has left (or after
			// two seconds, should it wait for them).
			if (first === 1001) eleventhSent();
			else if (first > 700) await Promise.race([eleventh, pause(2000)]);
			onTheirWay--;
			return acknowledgeAll(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 1050, refused: 0 });
		// Whenever one of the first ten batches left, at least all but the last 50 changes waiting were
		// numbered; the last 50 were read (and numbered) while the first ten travelled, not after.
		numberedWhenSent
			.slice(0, 10)
			.forEach((n, i) => expect(n).toBeGreaterThanOrEqual((waitingWhenSent[i] ?? 0) - 50));
		expect(numberedWhenSent[0]).toBeGreaterThanOrEqual(1000);
		expect(allNumberedBeforeFirstAnswer).toBe(true);
		// The eleventh was numbered and sent with three of the first ten still on their way.
		expect(numberedWhenSent[10]).toBe(waitingWhenSent[10]);
		expect(onTheirWayWhenSent[10]).toBe(4);
		expect(server.pushed.map((m) => m.id)).toEqual(Array.from({ length: 1050 }, (_, i) => i + 1));
		expect(await db.outbox.count()).toBe(0);
	});

	it('sends no more batches while twenty answers wait to be stored on the device', async () => {
		await createNotes(4000);
		// Storing answers waits a while first (a slow disk), so they come in faster than they are stored.
		const write = db.write.bind(db);
		db.write = async <T>(work: () => Promise<T>): Promise<T> => {
			if (/\bat settle\b/.test(new Error().stack ?? '')) await pause(100);
			return write(work);
		};
		let answered = 0;
		let most = 0;
		server.onPush = async (request) => {
			// Answered by the server and not yet gone from the device's outbox (none is refused).
			const stored = 4000 - (await db.outbox.count());
			most = Math.max(most, answered - stored);
			answered += request.mutations.length;
			return acknowledgeAll(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 4000, refused: 0 });
		// Twenty answered and waiting, and the three ahead of this one on their way (answered maybe).
		expect(most).toBeLessThanOrEqual((BATCHES_UNSETTLED_AT_MOST + BATCHES_IN_FLIGHT - 1) * 100);
		// It did come to that: the device waited for its answers to be stored.
		expect(most).toBeGreaterThanOrEqual(BATCHES_UNSETTLED_AT_MOST * 100);
	});

	it('keeps up to four batches on their way, and only one until the first answer is in', async () => {
		await createNotes(700);
		let onTheirWay = 0;
		const whenSent: number[] = [];
		server.onPush = async (request) => {
			whenSent.push(++onTheirWay);
			await pause(5);
			onTheirWay--;
			return acknowledgeAll(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 700, refused: 0 });
		expect(whenSent.slice(0, 5)).toEqual([1, 1, 2, 3, 4]);
		expect(Math.max(...whenSent)).toBe(4);
		expect(server.pushed.map((m) => m.id)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
		expect(await db.outbox.count()).toBe(0);
	});

	it('applies every change once, in order, when pushes fail, answers are lost and pushes overtake each other', async () => {
		await createNotes(2300);
		const { model, applied } = exactlyOnceServer();
		const titles: unknown[] = [];
		let pushes = 0;
		server.onPush = async (request) => {
			const n = ++pushes;
			// Pushes on their way at once arrive in another order now and then.
			await pause(n % 3);
			if (n % 7 === 0) throw ServerUnreachable.because('the connection dropped on the way');
			const last = applied.length;
			const answer = model(request);
			for (const mutation of request.mutations) if (mutation.id > last) titles.push(mutation.set.title);
			if (n % 5 === 0) throw ServerUnreachable.because('the answer was lost on the way back');
			return answer;
		};
		for (let syncs = 0; (await db.outbox.count()) > 0; syncs++) {
			expect(syncs).toBeLessThan(200);
			await engine.sync().catch((error: unknown) => {
				if (!(error instanceof ServerUnreachable || error instanceof MutationGap)) throw error;
			});
		}
		expect(applied).toEqual(Array.from({ length: 2300 }, (_, i) => i + 1));
		expect(titles).toEqual(Array.from({ length: 2300 }, (_, i) => `Note ${i}`));
	});

	it('sends a batch that reached the server before the one ahead of it again, under the same ids', async () => {
		await createNotes(400);
		const { model, applied } = exactlyOnceServer();
		server.onPush = async (request) => {
			// The second batch is held up on its way: the third and fourth arrive first.
			if (request.mutations[0]?.id === 101) await pause(20);
			return model(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 400, refused: 0 });
		expect(server.pushes.map((p) => p.mutations[0]?.id)).toEqual([1, 101, 201, 301, 201, 301]);
		expect(applied).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
		expect(await db.outbox.count()).toBe(0);
		expect((await db.meta.get('sync.nextMutationId'))?.value).toBe('401');
	});

	it('stops at a batch that fails with others on their way, waits for them, and sends the rest again later', async () => {
		await createNotes(400);
		const { model, applied } = exactlyOnceServer();
		let onTheirWay = 0;
		let fail = true;
		server.onPush = async (request) => {
			onTheirWay++;
			try {
				await pause(request.mutations[0]?.id === 101 ? 1 : 60);
				if (fail && request.mutations[0]?.id === 101) throw ServerUnreachable.because('the signal went');
				return model(request);
			} finally {
				onTheirWay--;
			}
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(ServerUnreachable);
		// Nothing is left on its way once the sync has stopped.
		expect(onTheirWay).toBe(0);
		expect((await storedIn(db).outbox()).map((e) => e.mutationId)).toEqual(
			Array.from({ length: 300 }, (_, i) => i + 101)
		);
		fail = false;
		await engine.sync();
		expect(applied).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
		expect(await db.outbox.count()).toBe(0);
	});

	it('gives the batches numbered ahead new ids when the server has seen ids beyond the batch it answered', async () => {
		await createNotes(150);
		server.onPush = (request) =>
			request.mutations[0]?.id === 1
				? { ...acknowledgeAll(request), lastMutationId: 500 }
				: acknowledgeAll(request);
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 150, refused: 0 });
		expect(server.pushes.map((p) => [p.mutations[0]?.id, p.mutations.at(-1)?.id])).toEqual([
			[1, 100],
			[501, 550]
		]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('sends ids it gave out under the same ids after a push stopped with answers unsettled, however far the server got', async () => {
		// As after a push that numbered 2,500 changes and got ids 1 to 2,000 applied, but settled only
		// the first hundred before the tab closed (or a settle failed).
		await createNotes(2500);
		const rows = await db.outbox.orderBy('seq').toArray();
		await db.outbox.bulkPut(rows.map((row, i) => ({ ...row, mutationId: i + 1 })));
		await db.outbox.bulkDelete(rows.slice(0, 100).map((row) => row.seq as number));
		await db.meta.put({ key: 'sync.nextMutationId', value: '2501' });
		const { model, applied } = exactlyOnceServer();
		model({
			...(server.pushes[0] as PushRequest),
			mutations: Array.from({ length: 2000 }, (_, i) => ({ id: i + 1 }))
		} as PushRequest);
		server.onPush = model;
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 2400, refused: 0 });
		// Replays up to 2,000, then new: every id once, none given out again.
		expect(applied).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
		expect(Math.max(...server.pushed.map((m) => m.id))).toBe(2500);
		expect(await db.outbox.count()).toBe(0);
	});

	it('sends batches numbered ahead under their own ids when the server already holds them (answers settled too late)', async () => {
		await createNotes(200);
		// As after a push whose second batch was applied but whose first answer was never settled.
		server.onPush = (request) =>
			request.mutations[0]?.id === 1
				? { ...acknowledgeAll(request), lastMutationId: 200 }
				: acknowledgeAll(request);
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 200, refused: 0 });
		expect(server.pushes.map((p) => [p.mutations[0]?.id, p.mutations.at(-1)?.id])).toEqual([
			[1, 100],
			[101, 200]
		]);
	});

	it('stops at an answer that acknowledges nothing, and keeps every change it did not settle', async () => {
		await createNotes(350);
		server.onPush = (request) =>
			request.mutations[0]?.id === 101 ? { lastMutationId: 200, results: [] } : acknowledgeAll(request);
		await expect(engine.sync()).rejects.toBeInstanceOf(BadAnswer);
		// The first batch left; nothing after the bad answer was settled, whatever was sent meanwhile.
		const waiting = (await storedIn(db).outbox()).map((e) => e.mutationId);
		expect(waiting[0]).toBe(101);
		expect(waiting).toHaveLength(250);
		// Batches numbered with it may have left meanwhile (all four here), but nothing after them.
		expect(server.pushes.length).toBeLessThanOrEqual(4);
	});

	it('batches at most 256 KB a push', async () => {
		await createNotes(20, ['x'.repeat(40_000)]);
		await engine.sync();
		const sizes = server.pushes.map((p) => new TextEncoder().encode(JSON.stringify(p)).length);
		expect(sizes.every((size) => size <= PUSH_MAX_BYTES)).toBe(true);
		expect(server.pushes.length).toBeGreaterThan(3);
		expect(server.pushed).toHaveLength(20);
	});

	it('refuses on the device a change too large to send even alone, before it is numbered for sending, and sends the rest', async () => {
		await notes.create('eden', { title: 'Huge', status: 'open', tags: ['x'.repeat(PUSH_MAX_BYTES)] });
		await notes.create('eden', { title: 'Small', status: 'open' });
		await engine.sync();
		expect(server.pushed.map((m) => [m.id, m.set.title])).toEqual([[1, 'Small']]);
		const [refused] = await storedIn(db).refused();
		expect(refused?.reason).toMatch(/too large to send/);
		expect(refused?.entry.mutationId).toBeUndefined();
	});

	it('refuses on the device every change read at once when all are too large, sends nothing, and numbers the next change from the start', async () => {
		const huge = ['x'.repeat(PUSH_MAX_BYTES)];
		await notes.create('eden', { title: 'Huge 1', status: 'open', tags: huge });
		await notes.create('eden', { title: 'Huge 2', status: 'open', tags: huge });
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 0, refused: 0 });
		expect(server.pushes).toEqual([]);
		expect(await db.outbox.count()).toBe(0);
		expect((await storedIn(db).refused()).map((r) => r.entry.set.title)).toEqual(['Huge 1', 'Huge 2']);

		await notes.create('eden', { title: 'Small', status: 'open' });
		await engine.sync();
		// Refused before they were numbered for sending: their ids were never used, so numbering goes on from 1.
		expect(server.pushed.map((m) => [m.id, m.set.title])).toEqual([[1, 'Small']]);
	});

	it('moves a change the server rejected to the refused list with the reason, and applies the ones after it', async () => {
		await createNotes(3);
		server.onPush = (request) => ({
			lastMutationId: 3,
			results: request.mutations.map((m) =>
				m.id === 2
					? {
							id: 2,
							status: 'rejected' as const,
							reason: 'Enter a name (name)',
							errors: [{ path: 'name', message: 'Enter a name' }]
						}
					: { id: m.id, status: 'applied' as const }
			)
		});
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 2, refused: 1 });
		expect(await db.outbox.count()).toBe(0);
		const [refused] = await storedIn(db).refused();
		expect(refused).toMatchObject({
			reason: 'Enter a name (name)',
			errors: [{ path: 'name', message: 'Enter a name' }],
			entry: { mutationId: 2, set: { title: 'Note 1' } }
		});
		// The record still shows what the person saved, so they can fix it.
		expect((await notes.get(refused!.entry.recordId))?.data.title).toBe('Note 1');
	});

	it('resends the same ids when the answer was lost after the server committed, and takes the replayed answer', async () => {
		await createNotes(2);
		server.onPush = () => {
			throw ServerUnreachable.because('the connection failed');
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(ServerUnreachable);
		expect((await storedIn(db).outbox()).map((e) => e.mutationId)).toEqual([1, 2]);

		await createNotes(1);
		server.onPush = acknowledgeAll;
		await engine.sync();
		expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([
			[1, 2],
			[1, 2, 3]
		]);
		expect(server.pushes[1]?.mutations.slice(0, 2)).toEqual(server.pushes[0]?.mutations);
		expect(await db.outbox.count()).toBe(0);
	});

	it('closes a gap by renumbering from the id the server expects, then carries on', async () => {
		await db.meta.put({ key: 'sync.nextMutationId', value: '10' });
		await createNotes(3);
		server.onPush = (request) => {
			if (request.mutations[0]?.id !== 4) throw new MutationGap('Expected mutation 4', 4);
			return acknowledgeAll(request);
		};
		await engine.sync();
		expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([
			[10, 11, 12],
			[4, 5, 6]
		]);
		expect(await db.outbox.count()).toBe(0);
		expect((await db.meta.get('sync.nextMutationId'))?.value).toBe('7');
	});

	it('renumbers the changes read ahead too when the first batch meets a gap', async () => {
		await db.meta.put({ key: 'sync.nextMutationId', value: '10' });
		await createNotes(1200);
		const { model, applied } = exactlyOnceServer(3);
		server.onPush = model;
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 1200, refused: 0 });
		expect(server.pushes[0]?.mutations[0]?.id).toBe(10);
		expect(applied).toEqual(Array.from({ length: 1203 }, (_, i) => i + 1));
		expect(await db.outbox.count()).toBe(0);
		expect((await db.meta.get('sync.nextMutationId'))?.value).toBe('1204');
	});

	it('renumbers under the numbering the gap answer gives, and sends it with every push after', async () => {
		await createNotes(2);
		server.onPush = (request) => {
			if (request.mutations[0]?.id === 1) throw new MutationGap('Expected mutation 5', 5, 3);
			return acknowledgeAll(request);
		};
		await engine.sync();
		await createNotes(1);
		await engine.sync();
		expect(server.pushes.map((p) => [p.numbering, p.mutations.map((m) => m.id)])).toEqual([
			[0, [1, 2]],
			[3, [5, 6]],
			[3, [7]]
		]);
	});

	it('sends a push numbered before a gap answer it never took in again, same ids, under the new numbering', async () => {
		await createNotes(2);
		server.onPush = (request) => {
			if (request.numbering !== 4) throw new NumberingStale('Numbered before the last gap', 4);
			return acknowledgeAll(request);
		};
		const outcome = await engine.sync();
		expect(outcome.push).toEqual({ applied: 2, refused: 0 });
		expect(server.pushes.map((p) => [p.numbering, p.mutations.map((m) => m.id)])).toEqual([
			[0, [1, 2]],
			[4, [1, 2]]
		]);
		expect((await db.meta.get('sync.numbering'))?.value).toBe('4');
	});

	it('gives up on stale refusals that never end, keeping every change', async () => {
		await createNotes(400);
		let count = 0;
		server.onPush = (request) => {
			// The first two are taken (the second was sent alone); those sent behind it, never.
			if ((request.mutations[0]?.id ?? 0) <= 101) return acknowledgeAll(request);
			throw new NumberingStale('Numbered before the last gap', ++count);
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(NumberingStale);
		expect(await db.outbox.count()).toBe(200);
		expect(server.pushes.length).toBeLessThan(12);
	});

	it('gives up on a gap that will not close, keeping every change', async () => {
		await createNotes(2);
		server.onPush = () => {
			throw new MutationGap('Expected mutation 1', 1);
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(MutationGap);
		expect(await db.outbox.count()).toBe(2);
	});

	it('keeps every change when the server acknowledges none of them', async () => {
		await createNotes(2);
		server.onPush = () => ({ lastMutationId: 0, results: [] });
		await expect(engine.sync()).rejects.toBeInstanceOf(BadAnswer);
		expect(await db.outbox.count()).toBe(2);
	});

	it('never reuses an id the server says it has already seen', async () => {
		await createNotes(1);
		server.onPush = (request) => ({ ...acknowledgeAll(request), lastMutationId: 40 });
		await engine.sync();
		await createNotes(1);
		server.onPush = acknowledgeAll;
		await engine.sync();
		expect(server.pushes[1]?.mutations[0]?.id).toBe(41);
	});

	it('sends changes under the ids they were saved with, writing nothing to number them', async () => {
		await createNotes(250);
		const saved = (await storedIn(db).outbox()).map((e) => e.mutationId);
		expect(saved).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
		const rewritten = vi.spyOn(db.outbox, 'bulkPut');
		await engine.sync();
		expect(rewritten).not.toHaveBeenCalled();
		expect(server.pushed.map((m) => m.id)).toEqual(saved);
	});

	it('numbers an outbox from before ids were given on saving in order, keeping the ids it sent', async () => {
		// As a device left it: three changes numbered and sent (answers never settled), two saved
		// without ids after them; then one saved under this version.
		await createNotes(5);
		const rows = await db.outbox.orderBy('seq').toArray();
		await db.outbox.bulkPut(rows.map(({ mutationId, ...row }, i) => (i < 3 ? { ...row, mutationId } : row)));
		await db.meta.bulkDelete(['sync.presetMutationId']);
		await db.meta.put({ key: 'sync.nextMutationId', value: '4' });
		await notes.create('eden', { title: 'After the update', status: 'open' });
		const { model, applied } = exactlyOnceServer(3);
		server.onPush = model;
		const outcome = await engine.sync();
		expect(server.pushed.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(server.pushed.at(-1)?.set.title).toBe('After the update');
		expect(applied).toEqual([1, 2, 3, 4, 5, 6]);
		expect(outcome.push).toEqual({ applied: 6, refused: 0 });
	});

	it('keeps a change the answer says nothing about, and sends it again under its id', async () => {
		await createNotes(3);
		server.onPush = (request) => {
			const answer = acknowledgeAll(request);
			return server.pushes.length === 1
				? { ...answer, results: answer.results.filter((r) => r.id !== 2) }
				: answer;
		};
		const first = await engine.sync();
		expect(first.push).toEqual({ applied: 2, refused: 0 });
		expect((await storedIn(db).outbox()).map((e) => e.mutationId)).toEqual([2]);
		// A change saved meanwhile is numbered after the last id given out: a push of its own.
		await createNotes(1);
		await engine.sync();
		expect(server.pushes.slice(1).map((p) => p.mutations.map((m) => m.id))).toEqual([[2], [4]]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('settles each change once when an answer names one twice, keeping those it leaves out', async () => {
		await createNotes(3);
		server.onPush = (request) => {
			const { results, ...answer } = acknowledgeAll(request);
			return server.pushes.length === 1
				? { ...answer, results: [results[0], results[0], results[2]].filter((r) => r !== undefined) }
				: { ...answer, results };
		};
		expect((await engine.sync()).push).toEqual({ applied: 2, refused: 0 });
		expect((await storedIn(db).outbox()).map((e) => e.mutationId)).toEqual([2]);
	});

	it('keeps which changes it numbered when it first works that out, so ids saved since are never taken for sent ones', async () => {
		// As the version before left it: A numbered 1 and sent, its answer never settled.
		await notes.create('eden', { title: 'A', status: 'open' });
		await db.meta.bulkDelete(['sync.presetMutationId', 'sync.numberedThrough']);
		await db.meta.put({ key: 'sync.nextMutationId', value: '2' });
		let last = 5;
		server.onPush = async (request) => {
			const ids = request.mutations.map((m) => m.id);
			ids.forEach((id, i) => {
				if (i > 0 && id !== (ids[i - 1] as number) + 1)
					throw new RequestRejected('not one after another', 400, 'bad-request');
			});
			if (server.pushes.length === 1) {
				// B is saved while A is on its way; the server took id 1 for another record (a gap).
				await notes.create('eden', { title: 'B', status: 'open' });
				throw new MutationGap('Expected 6', 6, 1);
			}
			if ((ids[0] as number) > last + 1) throw new MutationGap(`Expected ${last + 1}`, last + 1, 1);
			last = Math.max(last, ids.at(-1) as number);
			return { ...acknowledgeAll(request), lastMutationId: last };
		};
		await engine.sync();
		expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([[1], [6, 7]]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('sends changes saved while a push is on its way in the same sync', async () => {
		await createNotes(1);
		server.onPush = async (request) => {
			if (request.mutations[0]?.id === 1)
				await notes.create('eden', { title: 'Saved meanwhile', status: 'open' });
			return acknowledgeAll(request);
		};
		await engine.sync();
		expect(server.pushed.map((m) => m.set.title)).toEqual(['Note 0', 'Saved meanwhile']);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('the size of a change', () => {
	const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

	it('is its JSON in UTF-8, whatever text it holds', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), (value, text) => {
				expect(jsonBytes({ value, text })).toBe(utf8({ value, text }));
			})
		);
		// A lone surrogate is written escaped; a pair is one character of four bytes.
		expect(jsonBytes(['\ud800', '😀', 'é', '€'])).toBe(utf8(['\ud800', '😀', 'é', '€']));
	});

	it('is counted whole when larger than any push', () => {
		const large = { notes: 'é'.repeat(PUSH_MAX_BYTES) };
		expect(jsonBytes(large)).toBe(utf8(large));
		expect(jsonBytes(large)).toBeGreaterThan(2 * PUSH_MAX_BYTES);
	});
});
