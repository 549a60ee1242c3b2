import type { DeviceDatabase } from '../store/database';
import { META, readMeta } from '../store/meta';
import type { RecordSyncState } from './status';

/** What the header and record badges show of sync, read from the device in one transaction. */
export interface SyncCounts {
	pending: number;
	refused: number;
	/** Open conflicts, less those a waiting change already settles. */
	openConflicts: number;
	/** Views of sensitive records not yet in the server's audit log. */
	unreportedViews: number;
	lastSuccessAt: string | null;
	/** Moves whenever a pull stores a page, in this tab or another. */
	cursor: string | null;
	/** Records with changes waiting, refused, or in open conflict. */
	waitingIds: ReadonlySet<string>;
	refusedIds: ReadonlySet<string>;
	conflictIds: ReadonlySet<string>;
}

export const NO_COUNTS: SyncCounts = {
	pending: 0,
	refused: 0,
	openConflicts: 0,
	unreportedViews: 0,
	lastSuccessAt: null,
	cursor: null,
	waitingIds: new Set(),
	refusedIds: new Set(),
	conflictIds: new Set()
};

export async function readSyncCounts(db: DeviceDatabase): Promise<SyncCounts> {
	return db.transaction('r', [db.outbox, db.refused, db.conflicts, db.views, db.meta], async () => {
		const [pending, waitingIds, settling, refused, open, views, lastSuccessAt, cursor] = await Promise.all([
			db.outbox.count(),
			db.outbox.orderBy('recordId').uniqueKeys(),
			db.outbox.orderBy('resolves').uniqueKeys(),
			db.refused.toArray(),
			db.conflicts.where('status').equals('open').toArray(),
			db.views.count(),
			readMeta(db.meta, META.lastSuccessAt),
			readMeta(db.meta, META.cursor)
		]);
		const settled = new Set(settling.map(String));
		const conflicts = open.filter((conflict) => !settled.has(conflict.id));
		return {
			pending,
			refused: refused.length,
			openConflicts: conflicts.length,
			unreportedViews: views,
			lastSuccessAt: lastSuccessAt ?? null,
			cursor: cursor ?? null,
			waitingIds: new Set(waitingIds.map(String)),
			refusedIds: new Set(refused.map((row) => row.entry.recordId)),
			conflictIds: new Set(conflicts.map((conflict) => conflict.recordId))
		};
	});
}

/** A record's own sync state: what needs a person first (refused, conflict), then whether it waits. */
export function syncStateOf(counts: SyncCounts, recordId: string): RecordSyncState {
	if (counts.refusedIds.has(recordId)) return 'refused';
	if (counts.conflictIds.has(recordId)) return 'conflict';
	if (counts.waitingIds.has(recordId)) return 'waiting';
	return 'synced';
}
