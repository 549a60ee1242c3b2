import { PULL_PAGE_SIZE, type Conflict, type PullChange, type SyncRecord } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { loadClock, META, readMeta, readNumber, saveClock, writeMeta } from '../store/meta';
import { storeServerCopies } from './server-copy';
import { envelope, nowMs, type SyncContext } from './sync-context';
import { BadAnswer } from './transport';

export interface PullOutcome {
	/** Records, conflicts and removals stored. */
	changes: number;
	/** Whether the server told the device to download everything again. */
	reset: boolean;
}

/** A server asking for a reset again and again would loop for ever: stop and say so. */
const MAX_RESETS = 2;

/**
 * Download everything that changed on the server since the last stored page, page by page to the
 * end. Each page and the cursor after it are stored in one transaction, so the cursor never moves
 * past data that is not on the device. The next page is asked for while one is being stored, so
 * the network and the server work while IndexedDB writes; pages are still stored in order.
 */
export async function pullAll(context: SyncContext): Promise<PullOutcome> {
	const { db } = context;
	const outcome: PullOutcome = { changes: 0, reset: false };
	const ask = (cursor: string | null) => {
		const answer = context.transport.pull({ ...envelope(context), cursor, limit: PULL_PAGE_SIZE });
		// Its failure is reported when it is awaited; one asked for ahead and never awaited is dropped.
		answer.catch(() => undefined);
		return answer;
	};
	let cursor = (await readMeta(db.meta, META.cursor)) ?? null;
	let next = ask(cursor);
	for (let resets = 0; ;) {
		const answer = await next;
		if (answer.reset) {
			if (++resets > MAX_RESETS) throw new BadAnswer('it asked for a fresh download again and again');
			await beginReset(db);
			outcome.reset = true;
			cursor = null;
			next = ask(cursor);
			continue;
		}
		if (answer.more && answer.changes.length === 0 && answer.cursor === cursor)
			throw new BadAnswer('it offered more changes but sent none');
		if (answer.more) next = ask(answer.cursor);
		await storePage(context, answer.changes, answer.cursor, !answer.more);
		outcome.changes += answer.changes.length;
		if (!answer.more) return outcome;
		cursor = answer.cursor;
	}
}

/**
 * The server no longer has what this device missed: download everything again from the start,
 * keeping every waiting and refused change. Records the fresh download does not bring are dropped
 * only when it has reached the end (see `dropWhatResetLeftOut`), never before.
 */
async function beginReset(db: DeviceDatabase): Promise<void> {
	await db.write(async () => {
		const epoch = await readNumber(db.meta, META.resetEpoch, 0);
		await writeMeta(db.meta, META.resetEpoch, epoch + 1);
		await writeMeta(db.meta, META.resetting, epoch + 1);
		await db.meta.delete(META.cursor);
	});
}

/**
 * One pulled page, its conflicts, removals and the cursor after it, in one transaction (`last`:
 * the page that reached the end, which finishes a reset).
 */
export async function storePage(
	context: Pick<SyncContext, 'db' | 'now'>,
	changes: PullChange[],
	cursor: string,
	last: boolean
): Promise<void> {
	const { db } = context;
	await db.write(async () => {
		const clock = await loadClock(db.meta, nowMs(context));
		const epoch = await readNumber(db.meta, META.resetEpoch, 0);
		const records: SyncRecord[] = [];
		const conflicts: Conflict[] = [];
		const removed: string[] = [];
		for (const change of changes) {
			if (change.kind === 'record') records.push(change.record);
			else if (change.kind === 'conflict') {
				clock.receive(change.conflict.kept.hlc);
				conflicts.push(change.conflict);
			}
			// A tombstone (removed for good) or a forget (no longer the person's to see): both leave.
			else removed.push(change.id);
		}
		await db.conflicts.bulkPut(await db.seal.conflicts(conflicts));
		await storeServerCopies(db, records, clock, epoch);
		await removeRecords(db, removed);
		await saveClock(db.meta, clock);
		await writeMeta(db.meta, META.cursor, cursor);
		if (last && (await readMeta(db.meta, META.resetting))) await dropWhatResetLeftOut(db, epoch);
	});
}

/**
 * Drop records (and their conflicts), except any with the device's own changes not yet on the
 * server: those stay so nothing a person typed is lost; the server then refuses or applies them.
 */
async function removeRecords(db: DeviceDatabase, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const [waiting, refused] = await Promise.all([
		db.outbox.where('recordId').anyOf(ids).toArray(),
		db.refused.where('entry.recordId').anyOf(ids).toArray()
	]);
	const kept = new Set([...waiting.map((e) => e.recordId), ...refused.map((r) => r.entry.recordId)]);
	const gone = ids.filter((id) => !kept.has(id));
	await db.records.bulkDelete(gone);
	await db.conflicts.where('recordId').anyOf(gone).delete();
}

/** At the end of a reset's fresh download: drop the records it did not bring. */
async function dropWhatResetLeftOut(db: DeviceDatabase, epoch: number): Promise<void> {
	const stale = await db.records.filter((record) => (record.epoch ?? 0) < epoch).primaryKeys();
	await removeRecords(db, stale);
	await db.meta.delete(META.resetting);
}
