import type { DeviceDatabase, RecordRow } from './database';

/** Rows read in one go, and the ids asked for that are gone (or of another type). */
export interface Chunk {
	rows: RecordRow[];
	gone: string[];
}

/** Reads the next chunk when called; `undefined` once there is nothing left. */
export type ChunkReader = () => Promise<Chunk | undefined>;

/**
 * Every record of a type listed by updatedAt (what the lists show), `size` rows per read: one
 * getAll() each, not a get() per record. Records sharing an updatedAt across two reads are read
 * again and passed on once.
 */
export function recordsOfType(db: DeviceDatabase, type: string, size: number): ChunkReader {
	let from = '';
	let seenAtFrom = new Set<string>();
	let limit = size;
	let done = false;
	return async () => {
		if (done) return undefined;
		const rows = await db.records
			.where('[type+updatedAt]')
			.between([type, from], [type, '\uffff'], true, true)
			.limit(limit)
			.toArray();
		const last = rows.at(-1)?.updatedAt;
		const fresh = rows.filter((row) => !(row.updatedAt === from && seenAtFrom.has(row.id)));
		done = rows.length < limit || last === undefined;
		if (!done) {
			const atLast = rows.filter((row) => row.updatedAt === last).map((row) => row.id);
			// A whole read of one updatedAt: read more at once next time, or it would never move on.
			if (last === from) limit *= 2;
			else [from, seenAtFrom, limit] = [last ?? from, new Set(), size];
			for (const id of atLast) seenAtFrom.add(id);
		}
		return { rows: fresh, gone: [] };
	};
}

/** These records, `size` per read, each with its current row (if it is still of the type). */
export function recordsById(
	db: DeviceDatabase,
	type: string,
	ids: readonly string[],
	size: number
): ChunkReader {
	let at = 0;
	return async () => {
		if (at >= ids.length) return undefined;
		const wanted = ids.slice(at, (at += size));
		const rows = (await db.records.bulkGet(wanted)).filter(
			(row): row is RecordRow => row?.type === type && typeof row.updatedAt === 'string'
		);
		const found = new Set(rows.map((row) => row.id));
		return { rows, gone: wanted.filter((id) => !found.has(id)) };
	};
}
