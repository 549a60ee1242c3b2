import { VIEWS_MAX, type RecordView } from '$lib/domain/sync/protocol';
import type { ViewRow } from '../store/database';
import { viewsReported, waitingViews } from '../store/views';
import { envelope, type SyncContext } from './sync-context';
import { BadAnswer } from './transport';

/**
 * Report every view of a sensitive record made on this device, oldest first, in batches of at
 * most 500. A view leaves the device only once the server's answer says the audit log has it.
 * Returns how many were reported.
 */
export async function reportViews(context: SyncContext): Promise<number> {
	let reported = 0;
	for (;;) {
		const batch = await waitingViews(context.db, VIEWS_MAX);
		const last = batch.at(-1)?.id;
		if (last === undefined) return reported;
		const answer = await context.transport.views({
			...envelope(context),
			...(context.deviceName ? { deviceName: context.deviceName } : {}),
			views: batch.map(toView)
		});
		// Anything less would send the same views round again, for ever.
		if (answer.lastViewId < last) {
			throw new BadAnswer(`it recorded views up to ${answer.lastViewId} of ${last} sent`);
		}
		await viewsReported(context.db, answer.lastViewId);
		reported += batch.length;
	}
}

function toView(row: ViewRow): RecordView {
	const view: RecordView = {
		id: row.id ?? 0,
		recordId: row.recordId,
		type: row.type,
		at: row.at,
		offline: row.offline
	};
	if (row.kind) view.kind = row.kind;
	return view;
}
