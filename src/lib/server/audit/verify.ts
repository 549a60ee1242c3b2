import type { Kysely } from 'kysely';
import type { AuditChainCheck } from '$lib/domain/audit';
import type { Database } from '../db/schema';
import { entryHash, GENESIS_HASH } from './chain';

/** As the API answers it (GET /api/v1/audit/verify). */
export type ChainCheck = AuditChainCheck;

const PAGE = 1000;

/**
 * Walk the audit log in order and check every link: numbers follow each other (nothing removed),
 * each entry names the previous entry's hash, and its own hash matches its content (nothing
 * altered). Stops at the first bad entry and names it.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainCheck> {
	let expectedSeq = 1;
	let prev = GENESIS_HASH;
	let checked = 0;
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
			prev = row.hash;
			expectedSeq++;
			checked++;
		}
		if (rows.length < PAGE) return { ok: true, entries: checked };
	}
}
