import {
	PUSH_MAX_BYTES,
	PUSH_MAX_MUTATIONS,
	type Mutation,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { OutboxEntry, OutboxRow, RefusedOutboxRow } from '../store/database';
import { META, readNumber, writeMeta } from '../store/meta';
import { envelope, type SyncContext } from './sync-context';
import { BadAnswer, MutationGap } from './transport';

export interface PushOutcome {
	applied: number;
	refused: number;
}

/** How many times in a row a gap is closed by renumbering before sync gives up and says so. */
const MAX_GAP_RETRIES = 3;
const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/**
 * Send every waiting change, oldest first, in batches the server accepts (at most 100 changes and
 * 256 KB each). An entry leaves the outbox only when the server has acknowledged it; one it
 * refused moves to the refused list with the reason. Local writes made meanwhile are sent too.
 */
export async function pushAll(context: SyncContext): Promise<PushOutcome> {
	const outcome: PushOutcome = { applied: 0, refused: 0 };
	for (let gaps = 0; ;) {
		const batch = await nextBatch(context);
		if (batch.length === 0) return outcome;
		let answer: PushResponse;
		try {
			answer = await context.transport.push({
				...envelope(context),
				...(context.deviceName ? { deviceName: context.deviceName } : {}),
				mutations: batch.map(toMutation)
			});
		} catch (error) {
			if (!(error instanceof MutationGap) || ++gaps > MAX_GAP_RETRIES) throw error;
			await renumber(context, error.expectedMutationId);
			continue;
		}
		gaps = 0;
		const settled = await settle(context, batch, answer);
		if (settled.applied + settled.refused === 0)
			throw new BadAnswer('it acknowledged none of the changes sent');
		outcome.applied += settled.applied;
		outcome.refused += settled.refused;
	}
}

/** A waiting entry as the protocol sends it. */
export function toMutation(entry: OutboxEntry): Mutation {
	const mutation: Mutation = {
		id: entry.mutationId ?? 0,
		recordId: entry.recordId,
		type: entry.type,
		op: entry.op,
		// The record schemas hold JSON values only (dates are ISO strings).
		set: entry.set as Mutation['set'],
		hlc: entry.hlc,
		base: entry.base,
		at: entry.at
	};
	if (entry.area) mutation.area = entry.area;
	if (entry.resolves?.length) mutation.resolves = entry.resolves;
	return mutation;
}

/**
 * The next batch, oldest first, with mutation ids given to entries that have none, in order,
 * saved before anything is sent. An entry too large to send even alone is refused on the device
 * with a reason, before it gets an id, so it never blocks the ones after it.
 */
async function nextBatch(context: SyncContext): Promise<OutboxEntry[]> {
	const { db } = context;
	return db.write(async () => {
		const rows = await db.outbox.orderBy('seq').limit(PUSH_MAX_MUTATIONS).toArray();
		const waiting = await db.seal.openEntries(rows);
		let next = await readNumber(db.meta, META.nextMutationId, 1);
		let size = bytes({ ...envelope(context), deviceName: context.deviceName ?? '', mutations: [] });
		const batch: OutboxEntry[] = [];
		// The rows as stored get their ids too: nothing is sealed again to number it.
		const numbered: OutboxRow[] = [];
		for (const [i, entry] of waiting.entries()) {
			const row = rows[i] as OutboxRow;
			const entrySize = bytes(toMutation({ ...entry, mutationId: entry.mutationId ?? next })) + 1;
			if (size + entrySize > PUSH_MAX_BYTES) {
				if (batch.length > 0) break;
				await refuseLocally(context, row, tooLarge(entrySize));
				continue;
			}
			entry.mutationId ??= next++;
			row.mutationId = entry.mutationId;
			batch.push(entry);
			numbered.push(row);
			size += entrySize;
		}
		await db.outbox.bulkPut(numbered);
		await writeMeta(db.meta, META.nextMutationId, next);
		return batch;
	});
}

const tooLarge = (size: number) =>
	`This change is too large to send (${Math.ceil(size / 1024)} KB; the most is ${PUSH_MAX_BYTES / 1024} KB). Make it smaller, for example by shortening long notes, then save it again.`;

async function refuseLocally(context: SyncContext, entry: OutboxRow, reason: string): Promise<void> {
	const { db } = context;
	const rows = await db.seal.refusedRows([{ entry, reason, at: context.now() }]);
	await db.outbox.delete(entry.seq as number);
	await db.refused.bulkAdd(rows);
}

/**
 * Apply the server's answer in one transaction: acknowledged entries leave the outbox, refused
 * ones move to the refused list with the reason. A replayed answer is handled the same way; an
 * entry already settled (or a result for an id not sent) is skipped.
 */
async function settle(
	context: SyncContext,
	batch: OutboxEntry[],
	answer: PushResponse
): Promise<PushOutcome> {
	const { db } = context;
	const sent = new Map(batch.map((entry) => [entry.mutationId, entry.seq as number]));
	return db.write(async () => {
		const outcome: PushOutcome = { applied: 0, refused: 0 };
		const answered = answer.results.filter((result) => sent.has(result.id));
		const entries = await db.outbox.bulkGet(answered.map((result) => sent.get(result.id) as number));
		const done: number[] = [];
		const refused: RefusedOutboxRow[] = [];
		answered.forEach((result, i) => {
			const entry = entries[i];
			// Already settled by an earlier answer (a replay), or renumbered since: nothing to do.
			if (!entry || entry.mutationId !== result.id) return;
			done.push(entry.seq as number);
			if (result.status === 'applied') outcome.applied++;
			else {
				outcome.refused++;
				const reason = result.reason ?? 'The server refused this change without saying why.';
				refused.push({
					entry,
					reason,
					...(result.errors ? { errors: result.errors } : {}),
					at: context.now()
				});
			}
		});
		const refusedRows = await db.seal.refusedRows(refused);
		await db.outbox.bulkDelete(done);
		await db.refused.bulkAdd(refusedRows);
		// Never hand out an id the server has already seen from this device.
		const next = await readNumber(db.meta, META.nextMutationId, 1);
		if (answer.lastMutationId >= next)
			await writeMeta(db.meta, META.nextMutationId, answer.lastMutationId + 1);
		return outcome;
	});
}

/** Close a gap: the entries not yet acknowledged take ids from the one the server expects, in order. */
async function renumber(context: SyncContext, expected: number): Promise<void> {
	const { db } = context;
	await db.write(async () => {
		let next = expected;
		const numbered = (await db.outbox.orderBy('seq').toArray()).filter((e) => e.mutationId !== undefined);
		for (const entry of numbered) await db.outbox.update(entry.seq as number, { mutationId: next++ });
		await writeMeta(db.meta, META.nextMutationId, next);
	});
}
