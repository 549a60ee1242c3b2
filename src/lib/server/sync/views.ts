import type { Transaction } from 'kysely';
import type { RecordView, ViewsRequest, ViewsResponse } from '$lib/domain/sync/protocol';
import { appendAudit, type AuditEvent } from '../audit';
import type { Scope } from '../auth/actor';
import type { Database } from '../db/schema';
import { syncWho } from './audit';
import { registerClient } from './clients';
import { SyncRefusal } from './refusal';
import { chunks, writeTransaction, type ServerClock, type SyncDatabase } from './storage';

export interface ViewsContext {
	now?: ServerClock;
	/** Who reports: the views are recorded as theirs, on the device that sent them. */
	scope: Scope;
	/** The device their session was started on, for the audit log. */
	deviceId?: string | null;
}

/**
 * Record a device's views of sensitive records in the audit log, each exactly once: the entries and
 * the device's last reported view id commit together, and ids at or below it are resends. Views
 * made offline arrive here at the next sync; each entry keeps when the record was opened.
 */
export async function reportViews(
	database: SyncDatabase,
	request: ViewsRequest,
	context: ViewsContext
): Promise<ViewsResponse> {
	checkAscending(request.views);
	const clock = context.now ?? Date.now;
	return writeTransaction(database, async (trx) => {
		const nowMs = clock();
		const now = new Date(nowMs).toISOString();
		const { lastViewId: last } = await registerClient(trx, request, context.scope.staffId, now);
		const fresh = request.views.filter((view) => view.id > last);
		if (fresh.length === 0) return { lastViewId: last };
		const found = await recordsFound(
			trx,
			fresh.map((view) => view.recordId)
		);
		const who = syncWho(request, context);
		const events = fresh.map((view): AuditEvent => {
			const record = found.get(view.recordId);
			const exported = view.kind === 'export';
			return {
				...who,
				action: exported ? 'record-exported' : 'record-viewed',
				targetType: record?.type ?? view.type,
				targetId: view.recordId,
				areaId: record?.areaId ?? null,
				details: {
					on: 'device',
					[exported ? 'exportedAt' : 'viewedAt']: view.at,
					offline: view.offline,
					view: view.id,
					client: request.clientId
				}
			};
		});
		const lastViewId = fresh.at(-1)?.id ?? last;
		await trx
			.updateTable('sync_client')
			.set({ last_view_id: lastViewId, last_seen_at: now })
			.where('id', '=', request.clientId)
			.execute();
		await appendAudit(trx, database.kind, events, new Date(nowMs));
		return { lastViewId };
	});
}

/** A device numbers its views in the order they happened; anything else is a broken report. */
function checkAscending(views: readonly RecordView[]): void {
	for (let i = 1; i < views.length; i++) {
		const [before, after] = [views[i - 1], views[i]];
		if (before && after && after.id <= before.id) {
			throw new SyncRefusal(
				400,
				'bad-request',
				`views must be in the order they happened: view ${after.id} comes after view ${before.id}`
			);
		}
	}
}

/** The type and area the server holds for each record (a record made offline may not be here yet). */
async function recordsFound(
	trx: Transaction<Database>,
	ids: readonly string[]
): Promise<Map<string, { type: string; areaId: string }>> {
	const found = new Map<string, { type: string; areaId: string }>();
	for (const chunk of chunks([...new Set(ids)])) {
		const rows = await trx
			.selectFrom('record')
			.select(['id', 'type', 'area_id'])
			.where('id', 'in', chunk)
			.execute();
		for (const row of rows) found.set(row.id, { type: row.type, areaId: row.area_id });
	}
	return found;
}
