import type { Kysely, Selectable } from 'kysely';
import type { AuditCheckpointTable, Database } from '../db/schema';
import type { AuditKey } from './key';
import type { AuditStore } from './log';

/** How often the server signs the log's latest entry, if there are new entries since the last. */
export const CHECKPOINT_EVERY_MS = 3_600_000;

/** What a checkpoint's signature covers: the entry's number and hash, and when it was signed. */
export const checkpointMessage = (seq: number, hash: string, at: string): string =>
	`fellside audit checkpoint v1\n${seq}\n${hash}\n${at}`;

export interface Checkpoint {
	seq: number;
	hash: string;
	at: string;
	keyId: string;
	signature: string;
}

export const checkpointFromRow = (row: Selectable<AuditCheckpointTable>): Checkpoint => ({
	seq: Number(row.seq),
	hash: row.hash,
	at: row.at,
	keyId: row.key_id,
	signature: row.signature
});

/**
 * Sign the latest committed entry, unless a checkpoint already covers it. Returns the new
 * checkpoint, or null when there was nothing new to sign. Another process signing the same entry
 * at the same moment is harmless: the first checkpoint stands.
 */
export async function checkpointAudit(
	store: AuditStore,
	key: AuditKey,
	now: Date
): Promise<Checkpoint | null> {
	const latest = await store.db
		.selectFrom('audit_log')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!latest) return null;
	const seq = Number(latest.seq);
	if (seq <= (await lastCheckpointSeq(store.db))) return null;
	const at = now.toISOString();
	const checkpoint = {
		seq,
		hash: latest.hash,
		at,
		keyId: key.id,
		signature: key.sign(checkpointMessage(seq, latest.hash, at))
	};
	const inserted = await store.db
		.insertInto('audit_checkpoint')
		.values({ seq, hash: checkpoint.hash, at, key_id: checkpoint.keyId, signature: checkpoint.signature })
		.onConflict((oc) => oc.column('seq').doNothing())
		.executeTakeFirst();
	return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? checkpoint : null;
}

async function lastCheckpointSeq(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('audit_checkpoint')
		.select('seq')
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? Number(row.seq) : 0;
}

/**
 * Sign the log now, then every `CHECKPOINT_EVERY_MS` while the server runs, and whenever `runNow`
 * is called (as the server stops). Each checkpoint is also written to the server's output, so a
 * copy lives outside the database (wherever the logs are kept). A failed run is logged and tried
 * again at the next.
 */
export function checkpointAuditPeriodically(
	store: AuditStore,
	key: AuditKey,
	options: { now?: () => Date; log?: (line: string) => void } = {}
): { firstRun: Promise<Checkpoint | null>; runNow: () => Promise<Checkpoint | null>; stop: () => void } {
	const now = options.now ?? (() => new Date());
	const log = options.log ?? ((line: string) => console.log(line));
	const run = async () => {
		try {
			const made = await checkpointAudit(store, key, now());
			if (made) log(describeCheckpoint(made));
			return made;
		} catch (error) {
			console.error('Signing an audit checkpoint failed; trying again in an hour.', error);
			return null;
		}
	};
	const firstRun = run();
	const timer = setInterval(() => void run(), CHECKPOINT_EVERY_MS);
	timer.unref();
	return { firstRun, runNow: run, stop: () => clearInterval(timer) };
}

/** One line for the server's output: all a checker needs to compare with the database later. */
export const describeCheckpoint = (c: Checkpoint): string =>
	`Audit checkpoint: entry ${c.seq} hash ${c.hash} signed ${c.at} by key ${c.keyId}: ${c.signature}`;
