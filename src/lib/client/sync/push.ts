import {
	PUSH_MAX_BYTES,
	PUSH_MAX_MUTATIONS,
	type Mutation,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { OutboxEntry, OutboxRow, RefusedOutboxRow } from '../store/database';
import { META, readNumber, writeMeta } from '../store/meta';
import { numberedSoFar } from '../store/numbering';
import { envelope, type SyncContext } from './sync-context';
import { BadAnswer, MutationGap, NumberingStale } from './transport';

export interface PushOutcome {
	applied: number;
	refused: number;
}

/** How many times in a row a gap is closed by renumbering before sync gives up and says so. */
const MAX_GAP_RETRIES = 3;
/**
 * Batches numbered together, in one transaction, before the first of them is sent: each strict
 * IndexedDB transaction waits for the disk, so numbering batch by batch cost as much as the server.
 */
export const BATCHES_NUMBERED_AT_ONCE = 10;
const encoder = new TextEncoder();
/** Room to size any change that fits in a push, reused: a push of 10,000 sizes 10,000 of them. */
const scratch = new Uint8Array(PUSH_MAX_BYTES + 1);

/** The size of a value's JSON in UTF-8, as the push will carry it. */
export function jsonBytes(value: unknown): number {
	const text = JSON.stringify(value);
	const { read, written } = encoder.encodeInto(text, scratch);
	// Larger than any push: worth the one copy, to say how large in the refusal.
	return read === text.length ? written : encoder.encode(text).length;
}

/**
 * Batches on their way at once, once the server's first answer has shown that it and the device
 * agree on the numbering. On a slow connection the round trips, not the server, take the time:
 * a 100 ms connection took 13.6 s for 10,000 changes one batch at a time, 6.9 s three at a time.
 */
export const BATCHES_IN_FLIGHT = 4;
/**
 * Batches answered and not yet settled, at most, before another is sent: what a device stopped
 * part-way sends again stays within the answers the server keeps for it (`ANSWERS_KEPT`).
 */
export const BATCHES_UNSETTLED_AT_MOST = 2 * BATCHES_NUMBERED_AT_ONCE;

/** A batch on its way. */
interface Sent {
	batch: OutboxEntry[];
	answer: Promise<PushResponse>;
	/** Sent while no earlier batch was waiting for its answer: a gap it meets is a real one. */
	alone: boolean;
}

/**
 * Send every waiting change, oldest first, in batches the server accepts (at most 100 changes and
 * 256 KB each). An entry leaves the outbox only when the server has acknowledged it; one it
 * refused moves to the refused list with the reason. Local writes made meanwhile are sent too.
 *
 * Up to four batches are on their way at once, the next ten numbered while they travel; answers
 * are taken in order and settled in the background, with at most twenty waiting to be settled
 * before another batch goes: an acknowledged entry still in the outbox when the device stops is
 * sent again under the same id, and the server answers a replay as it did the first time. A batch
 * that reached the server before the one ahead of it may be told of a gap: it is sent again as it
 * is once that one is answered. Ids change only when nothing is on its way.
 */
export async function pushAll(context: SyncContext): Promise<PushOutcome> {
	const settling = new Settling(context);
	const numbering = { value: await readNumber(context.db.meta, META.numbering, 0) };
	try {
		for (let gaps = 0; ;) {
			const taken = numbering.value;
			const stop = await sendAll(
				context,
				settling,
				numbering,
				() => gaps++ < MAX_GAP_RETRIES,
				() => (gaps = 0)
			);
			await settling.drain();
			if (stop?.numbering !== undefined) numbering.value = stop.numbering;
			if (stop === undefined) {
				if (numbering.value !== taken) await saveNumbering(context, numbering.value);
				return settling.outcome;
			}
			await renumber(context, stop.renumberFrom, numbering.value);
		}
	} finally {
		await settling.idle();
	}
}

async function saveNumbering(context: SyncContext, numbering: number): Promise<void> {
	await context.db.write(() => writeMeta(context.db.meta, META.numbering, numbering));
}

/**
 * Send batches until none is left, or until the ids must change (a gap, or a server that has seen
 * ids beyond any the device gave out): then, once nothing is on its way, say where to number from.
 */
async function sendAll(
	context: SyncContext,
	settling: Settling,
	/** What the pushes carry; taken up from the server's answers (see `PushRequest.numbering`). */
	numbering: { value: number },
	mayCloseGap: () => boolean,
	answered: () => void
): Promise<{ renumberFrom: number; numbering?: number } | undefined> {
	const send = (batch: OutboxEntry[], alone: boolean): Sent => {
		const answer = context.transport.push({
			...envelope(context),
			...(context.deviceName ? { deviceName: context.deviceName } : {}),
			numbering: numbering.value,
			mutations: batch.map(toMutation)
		});
		// Its failure is taken when its turn comes (or dropped, when an earlier one stops the push).
		answer.catch(() => undefined);
		return { batch, answer, alone };
	};
	const waiting: Sent[] = [];
	const reader = new OutboxReader(context);
	/** Batches numbered, not yet sent. */
	let numbered: OutboxEntry[][] = [];
	/**
	 * The last id the device has given out, in this push or before (acknowledged or not): the server
	 * holding ids beyond it means the device lost its numbering.
	 */
	let lastGiven = 0;
	/** Whether the outbox had nothing more to number when last looked at (while batches travelled). */
	let exhausted = false;
	let agreed = false;
	try {
		for (;;) {
			while (waiting.length < (agreed ? BATCHES_IN_FLIGHT : 1)) {
				if (numbered.length === 0) {
					// With nothing more in the outbox, it is looked at again (for changes saved meanwhile)
					// once nothing is on its way.
					if (exhausted && waiting.length > 0) break;
					const read = await reader.next();
					numbered = read.batches;
					exhausted = read.lastSeq === undefined;
					lastGiven = read.lastGiven;
					// Every entry read was refused on the device as too large: read on.
					if (numbered.length === 0 && !exhausted) continue;
					if (numbered.length === 0) break;
				}
				await settling.room();
				waiting.push(send(numbered.shift() as OutboxEntry[], waiting.length === 0));
			}
			// Nothing numbered, nothing on its way, nothing more in the outbox: done.
			const head = waiting.shift();
			if (!head) return undefined;
			let answer: PushResponse;
			try {
				answer = await head.answer;
			} catch (error) {
				// Numbered before a gap answer the device has not taken in (one lost on the way, or given
				// to a batch still on its way): nothing applied; the same ids again, under the new numbering.
				if (error instanceof NumberingStale) {
					if (head.alone && !mayCloseGap()) throw error;
					numbering.value = error.numbering;
					// Every batch ahead of it is answered now: sent again, it is alone (and so counted).
					waiting.unshift(send(head.batch, true));
					continue;
				}
				if (!(error instanceof MutationGap)) throw error;
				// It overtook the batch ahead of it, answered since: the same ids again (under the
				// numbering the gap answer gave, as the ids have not changed).
				if (!head.alone) {
					// Never back to an older count: answers to batches sent together come in any order.
					if (error.numbering !== undefined) numbering.value = Math.max(numbering.value, error.numbering);
					waiting.unshift(send(head.batch, true));
					continue;
				}
				if (!mayCloseGap()) throw error;
				return {
					renumberFrom: error.expectedMutationId,
					...(error.numbering !== undefined ? { numbering: error.numbering } : {})
				};
			}
			answered();
			agreed = true;
			settling.add(head.batch, answer);
			// The server has seen ids the device never gave out (it lost its numbering): the batches
			// numbered after this one must not go out under ids the server takes for replays. Ids it
			// gave out are not renumbered: the server may hold them already (an answer settled too
			// late), and must get them as replays, not as new changes.
			if (answer.lastMutationId > lastGiven) return { renumberFrom: answer.lastMutationId + 1 };
		}
	} finally {
		// Nothing is left on its way, nor being numbered: what comes next depends on what the server holds.
		await Promise.allSettled([...waiting.map((sent) => sent.answer), reader.idle()]);
	}
}

/**
 * The outbox, read and numbered a step ahead: the next batches are read (and their entries opened)
 * while those before them travel. Read only when asked, the server sat idle while the device read:
 * about a fifth of a 10,000-change push.
 */
class OutboxReader {
	readonly #context: SyncContext;
	#afterSeq = 0;
	#ahead: Promise<Numbered> | undefined;

	constructor(context: SyncContext) {
		this.#context = context;
	}

	/** The next batches (those read ahead, or read now); the ones after them are read meanwhile. */
	async next(): Promise<Numbered> {
		const ahead = this.#ahead;
		this.#ahead = undefined;
		let read = await (ahead ?? nextBatches(this.#context, this.#afterSeq));
		// Read ahead and found nothing: changes may have been saved since, so look now.
		if (ahead && read.lastSeq === undefined) read = await nextBatches(this.#context, this.#afterSeq);
		if (read.lastSeq !== undefined) {
			this.#afterSeq = read.lastSeq;
			this.#ahead = nextBatches(this.#context, read.lastSeq);
			// Its failure is taken when its batches are asked for (or dropped, when the push stops first).
			this.#ahead.catch(() => undefined);
		}
		return read;
	}

	/** Settles once no read is under way: ids may change only then. */
	async idle(): Promise<void> {
		await this.#ahead?.catch(() => undefined);
	}
}

/**
 * The server's answers waiting to be applied to the outbox, applied in the background in order,
 * all those waiting at once in one transaction. The first failure stops the push.
 */
class Settling {
	readonly outcome: PushOutcome = { applied: 0, refused: 0 };
	readonly #context: SyncContext;
	#waiting: Answered[] = [];
	/** Batches in the transaction being settled now. */
	#settlingNow = 0;
	/** The transaction being settled now (it never rejects: a failure is kept in `#failed`). */
	#turn: Promise<void> | undefined;
	#running: Promise<void> | undefined;
	#failed: { error: unknown } | undefined;

	constructor(context: SyncContext) {
		this.#context = context;
	}

	add(batch: OutboxEntry[], answer: PushResponse): void {
		this.#waiting.push({ batch, answer });
		this.#running ??= this.#run();
	}

	/** Throw the failure that stopped settling, if any. */
	check(): void {
		if (this.#failed) throw this.#failed.error;
	}

	/** Wait while `BATCHES_UNSETTLED_AT_MOST` answers wait to be settled; throw if one could not be. */
	async room(): Promise<void> {
		while (this.#waiting.length + this.#settlingNow >= BATCHES_UNSETTLED_AT_MOST && this.#turn) {
			await this.#turn;
		}
		this.check();
	}

	/** Wait until every answer so far is settled; throw if one could not be. */
	async drain(): Promise<void> {
		await this.idle();
		this.check();
	}

	/** Wait until nothing is being settled, whatever happened. */
	async idle(): Promise<void> {
		while (this.#running) await this.#running;
	}

	async #run(): Promise<void> {
		while (this.#waiting.length > 0 && !this.#failed) {
			const turn = this.#waiting.splice(0);
			this.#settlingNow = turn.length;
			this.#turn = settle(this.#context, turn).then(
				(settled) => {
					this.outcome.applied += settled.applied;
					this.outcome.refused += settled.refused;
				},
				(error: unknown) => {
					this.#failed = { error };
				}
			);
			await this.#turn;
		}
		this.#settlingNow = 0;
		this.#turn = undefined;
		this.#running = undefined;
	}
}

/**
 * A waiting entry as the protocol sends it. A key the device knew no version of is left out of
 * `base`: the server reads a missing key as no version, and a new record's change would otherwise
 * carry a null for every field (a fifth of a push's bytes).
 */
export function toMutation(entry: OutboxEntry): Mutation {
	const mutation: Mutation = {
		id: entry.mutationId ?? 0,
		recordId: entry.recordId,
		type: entry.type,
		op: entry.op,
		// The record schemas hold JSON values only (dates are ISO strings).
		set: entry.set as Mutation['set'],
		hlc: entry.hlc,
		base: knownVersions(entry.base),
		at: entry.at
	};
	if (entry.area) mutation.area = entry.area;
	if (entry.resolves?.length) mutation.resolves = entry.resolves;
	return mutation;
}

function knownVersions(base: OutboxEntry['base']): Mutation['base'] {
	const known: Mutation['base'] = {};
	for (const [key, version] of Object.entries(base)) if (version !== null) known[key] = version;
	return known;
}

/** What `nextBatches` read and numbered. */
interface Numbered {
	batches: OutboxEntry[][];
	/** The last outbox entry read (none: nothing waits after `afterSeq`). */
	lastSeq: number | undefined;
	/** The last mutation id the device has given out, now or before. */
	lastGiven: number;
}

/**
 * The next batches after `afterSeq`, oldest first, numbered for sending before anything is sent.
 * An entry numbered before keeps its id (the server may hold it). The others take the next ids in
 * order: usually the ids they were saved with, so nothing is written; an entry whose id does not
 * follow on (after a change refused on the device, or a gap) is saved with the right one. An
 * entry too large to send even alone is refused on the device with a reason, before it is
 * numbered, so it never blocks the ones after it.
 */
async function nextBatches(context: SyncContext, afterSeq: number): Promise<Numbered> {
	const { db } = context;
	return db.write(async () => {
		const rows = await db.outbox
			.where('seq')
			.above(afterSeq)
			.limit(PUSH_MAX_MUTATIONS * BATCHES_NUMBERED_AT_ONCE)
			.toArray();
		const waiting = await db.seal.openEntries(rows);
		const { next: from, through } = await numberedSoFar(db.outbox, db.meta);
		let next = from;
		const empty = jsonBytes({ ...envelope(context), deviceName: context.deviceName ?? '', mutations: [] });
		const batches: OutboxEntry[][] = [];
		let batch: OutboxEntry[] = [];
		let size = empty;
		// Rows as stored whose id changes: nothing is sealed again to number it.
		const renumbered: OutboxRow[] = [];
		for (const [i, entry] of waiting.entries()) {
			const row = rows[i] as OutboxRow;
			const kept = (row.seq as number) <= through && entry.mutationId !== undefined;
			const id = kept ? (entry.mutationId as number) : next;
			const entrySize = jsonBytes(toMutation({ ...entry, mutationId: id })) + 1;
			if (empty + entrySize > PUSH_MAX_BYTES) {
				await refuseLocally(context, row, tooLarge(entrySize), kept);
				continue;
			}
			// Ids in one push follow each other: one that does not (an entry before it refused, or left
			// unanswered) starts a new push, and the server says whether it fits.
			const follows = batch.length === 0 || id === (batch.at(-1)?.mutationId as number) + 1;
			if (!follows || batch.length === PUSH_MAX_MUTATIONS || size + entrySize > PUSH_MAX_BYTES) {
				batches.push(batch);
				[batch, size] = [[], empty];
			}
			if (!kept) next++;
			if (entry.mutationId !== id) {
				entry.mutationId = row.mutationId = id;
				renumbered.push(row);
			}
			batch.push(entry);
			size += entrySize;
		}
		if (batch.length > 0) batches.push(batch);
		if (renumbered.length > 0) await db.outbox.bulkPut(renumbered);
		if (next !== from) await writeMeta(db.meta, META.nextMutationId, next);
		const lastSeq = rows.at(-1)?.seq;
		if (lastSeq !== undefined && lastSeq > through) await writeMeta(db.meta, META.numberedThrough, lastSeq);
		return { batches, lastSeq, lastGiven: next - 1 };
	});
}

const tooLarge = (size: number) =>
	`This change is too large to send (${Math.ceil(size / 1024)} KB; the most is ${PUSH_MAX_BYTES / 1024} KB). Make it smaller, for example by shortening long notes, then save it again.`;

async function refuseLocally(
	context: SyncContext,
	entry: OutboxRow,
	reason: string,
	numbered: boolean
): Promise<void> {
	const { db } = context;
	// Not numbered for sending yet: the id it was saved with goes to the entries after it.
	const { mutationId: _, ...unnumbered } = entry;
	const rows = await db.seal.refusedRows([
		{ entry: numbered ? entry : unnumbered, reason, at: context.now() }
	]);
	await db.outbox.delete(entry.seq as number);
	await db.refused.bulkAdd(rows);
}

/** A batch sent and the server's answer to it. */
interface Answered {
	batch: OutboxEntry[];
	answer: PushResponse;
}

/**
 * Apply the server's answers in one transaction: acknowledged entries leave the outbox, refused
 * ones move to the refused list with the reason. A replayed answer is handled the same way; an
 * entry already settled (or a result for an id not sent) is skipped. An answer that acknowledges
 * none of its batch is a fault: it stops the push.
 *
 * Only the keys of a batch's entries are read, and a batch acknowledged whole leaves in one
 * deletion: an entry's change is not altered once it is numbered for sending (renumbering waits
 * until every answer is settled), so an id applied is that entry's change applied.
 */
async function settle(context: SyncContext, answers: readonly Answered[]): Promise<PushOutcome> {
	const { db } = context;
	return db.write(async () => {
		const outcome: PushOutcome = { applied: 0, refused: 0 };
		const refused: RefusedOutboxRow[] = [];
		for (const { batch, answer } of answers) {
			const seqOf = new Map(batch.map((entry) => [entry.mutationId, entry.seq as number]));
			const range = db.outbox.where('seq').between(batch[0]?.seq ?? 0, batch.at(-1)?.seq ?? 0, true, true);
			const present = new Set(await range.primaryKeys());
			// Still waiting, so not settled by an earlier answer (a replay); once each, whatever it says.
			const answered = [...new Map(answer.results.map((result) => [result.id, result])).values()].filter(
				(result) => present.has(seqOf.get(result.id) ?? -1)
			);
			if (answered.length === 0) throw new BadAnswer('it acknowledged none of the changes sent');
			const applied = answered.filter((result) => result.status === 'applied');
			const notApplied = answered.filter((result) => result.status !== 'applied');
			const rows = await db.outbox.bulkGet(notApplied.map((result) => seqOf.get(result.id) as number));
			notApplied.forEach((result, i) => {
				const entry = rows[i] as OutboxRow;
				const reason = result.reason ?? 'The server refused this change without saying why.';
				refused.push({
					entry,
					reason,
					...(result.errors ? { errors: result.errors } : {}),
					at: context.now()
				});
			});
			outcome.applied += applied.length;
			outcome.refused += notApplied.length;
			// Nothing but this batch's entries lies between its first and last: all settled, one deletion.
			if (answered.length === present.size) await range.delete();
			else await db.outbox.bulkDelete(answered.map((result) => seqOf.get(result.id) as number));
		}
		await db.refused.bulkAdd(await db.seal.refusedRows(refused));
		// Never hand out an id the server has already seen from this device.
		const last = Math.max(...answers.map(({ answer }) => answer.lastMutationId));
		const next = await readNumber(db.meta, META.nextMutationId, 1);
		if (last >= next) await writeMeta(db.meta, META.nextMutationId, last + 1);
		return outcome;
	});
}

/**
 * Close a gap: the entries numbered for sending and not yet acknowledged take ids from the one the
 * server expects, in order, and the pushes carry the numbering the gap answer gave from now on.
 */
async function renumber(context: SyncContext, expected: number, numbering: number): Promise<void> {
	const { db } = context;
	await db.write(async () => {
		let next = expected;
		const { through } = await numberedSoFar(db.outbox, db.meta);
		const numbered = await db.outbox.where('seq').belowOrEqual(through).toArray();
		for (const entry of numbered) {
			if (entry.mutationId !== undefined) await db.outbox.update(entry.seq as number, { mutationId: next++ });
		}
		await writeMeta(db.meta, META.nextMutationId, next);
		await writeMeta(db.meta, META.numbering, numbering);
	});
}
