import type { Kysely } from 'kysely';
import type { AuditChainCheck } from '$lib/domain/audit';
import type { Database } from '../db/schema';
import { entryHash, GENESIS_HASH } from './chain';
import { checkpointFromRow, checkpointMessage, type Checkpoint } from './checkpoint';
import type { AuditPublicKey } from './key';

/** As the API answers it (GET /api/v1/audit/verify). */
export type ChainCheck = AuditChainCheck;

const PAGE = 1000;

/**
 * Walk the audit log in order and check every link: numbers follow each other (nothing removed),
 * each entry names the previous entry's hash, and its own hash matches its content (nothing
 * altered). Then the signed checkpoints, which catch what the chain alone cannot: a log rewritten
 * with every hash computed again, or entries cut from its end. Each must be signed by one of the
 * `trusted` keys (this server's first, then any it signed with before) and name the hash its entry
 * still has. Stops at the first problem and names the entry.
 */
export async function verifyAuditChain(
	db: Kysely<Database>,
	trusted: AuditPublicKey | readonly AuditPublicKey[]
): Promise<ChainCheck> {
	const keys: readonly AuditPublicKey[] = 'id' in trusted ? [trusted] : trusted;
	const checkpoints = (await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute()).map(
		checkpointFromRow
	);
	const signedAt = new Map(checkpoints.map((c) => [c.seq, c]));
	let expectedSeq = 1;
	let prev = GENESIS_HASH;
	let checked = 0;
	/** The entry of the last checkpoint passed that matched: anything rewritten lies after it. */
	let sealedTo = 0;
	for (;;) {
		const rows = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('seq', '>=', expectedSeq)
			.orderBy('seq')
			.limit(PAGE)
			.execute();
		for (const row of rows) {
			const seq = Number(row.seq);
			const bad = (problem: string): ChainCheck => ({
				ok: false,
				entries: checked,
				seq,
				at: row.at,
				problem
			});
			if (seq !== expectedSeq) {
				return {
					ok: false,
					entries: checked,
					seq: expectedSeq,
					at: null,
					problem: `entry ${expectedSeq} is missing (the next entry is ${seq}): entries were deleted`
				};
			}
			if (row.prev_hash !== prev) {
				return bad(`entry ${seq} does not follow entry ${seq - 1}: the chain was broken or rewritten`);
			}
			if (entryHash(row) !== row.hash) {
				return bad(`entry ${seq} does not match its hash: it was altered after it was written`);
			}
			const checkpoint = signedAt.get(seq);
			if (checkpoint) {
				const problem = checkpointProblem(checkpoint, keys) ?? rewritten(checkpoint, row.hash, sealedTo);
				if (problem) return bad(problem);
				sealedTo = seq;
			}
			prev = row.hash;
			expectedSeq++;
			checked++;
		}
		if (rows.length < PAGE) break;
	}
	const beyond = checkpoints.find((c) => c.seq >= expectedSeq);
	if (beyond) {
		return {
			ok: false,
			entries: checked,
			seq: expectedSeq,
			at: null,
			problem:
				checkpointProblem(beyond, keys) ??
				`entry ${expectedSeq} is missing, but a checkpoint signed ${beyond.at} covers the log up to entry ${beyond.seq}: entries were deleted from its end`
		};
	}
	const last = checkpoints.at(-1);
	return {
		ok: true,
		entries: checked,
		checkpoints: checkpoints.length,
		lastCheckpoint: last ? { seq: last.seq, at: last.at } : null
	};
}

function checkpointProblem(checkpoint: Checkpoint, keys: readonly AuditPublicKey[]): string | null {
	const message = checkpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.at);
	const key = keys.find((k) => k.id === checkpoint.keyId);
	if (key?.verify(message, checkpoint.signature)) return null;
	const whose = key
		? 'its signature is not valid'
		: `it names key ${checkpoint.keyId}, not ${keys.map((k) => k.id).join(' or ')}`;
	return `the checkpoint of entry ${checkpoint.seq} (dated ${checkpoint.at}) is not signed by this server's audit key (${whose}): it was forged, or the key was replaced without its public half added to FELLSIDE_AUDIT_PREVIOUS_KEYS`;
}

function rewritten(checkpoint: Checkpoint, hash: string, sealedTo: number): string | null {
	if (checkpoint.hash === hash) return null;
	const from = sealedTo > 0 ? `after entry ${sealedTo}` : 'from the start';
	return `entry ${checkpoint.seq} is not the entry signed at ${checkpoint.at}: the log was rewritten ${from} up to this entry, with its hashes computed again`;
}
