import type { Table } from 'dexie';
import type { MetaRow, OutboxRow } from './database';
import { META, readMeta, readNumber, writeMeta } from './meta';

/**
 * The id the next outbox entry numbered for sending gets, and the last entry (by seq) numbered so
 * far: that one and every earlier one may be on the server under its id (see sync/push).
 *
 * A store from before the last was kept (version 7 and earlier) numbered its entries only when it
 * pushed them, in order: the last with an id below the next is the last numbered. Worked out once
 * and saved, so call it in a write transaction (or an upgrade).
 */
export async function numberedSoFar(
	outbox: Table<OutboxRow, number>,
	meta: Table<MetaRow, string>
): Promise<{ next: number; through: number }> {
	const next = await readNumber(meta, META.nextMutationId, 1);
	const kept = await readNumber(meta, META.numberedThrough, -1);
	if (kept >= 0) return { next, through: kept };
	let through = 0;
	if ((await readMeta(meta, META.nextMutationId)) !== undefined) {
		const last = await outbox
			.orderBy('seq')
			.filter((row) => row.mutationId !== undefined && row.mutationId < next)
			.last();
		through = last?.seq ?? 0;
	}
	await writeMeta(meta, META.numberedThrough, through);
	return { next, through };
}
