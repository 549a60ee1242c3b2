import { isSensitiveType } from '$lib/domain/privacy';
import type { DeviceDatabase, ViewRow } from './database';

/**
 * A record opened again within this time is the same view: moving between a visit's steps, or
 * back to a referral after editing it, is one entry in the audit log, not ten.
 */
export const SAME_VIEW_MS = 5 * 60_000;

export interface ViewLogOptions {
	/** Whether the browser believes it has a network. */
	online?: () => boolean;
}

/**
 * The views of sensitive records made on this device (security: every view is audited, offline
 * ones at the next sync). Sync reports them oldest first and lets them go once the server has them.
 */
export class ViewLog {
	readonly #db: DeviceDatabase;
	readonly #online: () => boolean;
	/** When each record was last noted, in this tab: enough to fold repeated openings together. */
	readonly #noted = new Map<string, number>();

	constructor(db: DeviceDatabase, options: ViewLogOptions = {}) {
		this.#db = db;
		this.#online = options.online ?? (() => globalThis.navigator?.onLine ?? true);
	}

	/** Notes that a person opened this record; records that are not sensitive are not noted. */
	async note(record: Pick<ViewRow, 'type'> & { id: string }, at = new Date()): Promise<void> {
		if (!isSensitiveType(record.type)) return;
		const last = this.#noted.get(record.id);
		if (last !== undefined && at.getTime() - last < SAME_VIEW_MS) return;
		this.#noted.set(record.id, at.getTime());
		await this.#db.views.add({
			recordId: record.id,
			type: record.type,
			at: at.toISOString(),
			offline: !this.#online()
		});
	}
}

/**
 * Notes that these records were saved to a file of unsynced changes: every export is audited, like
 * a view, at the next sync of this device.
 */
export async function noteExported(
	db: DeviceDatabase,
	records: readonly Pick<ViewRow, 'recordId' | 'type'>[],
	at: string,
	offline: boolean
): Promise<void> {
	await db.views.bulkAdd(
		records.map(({ recordId, type }) => ({ recordId, type, at, offline, kind: 'export' as const }))
	);
}

/** The oldest views not yet reported, in the order they happened. */
export function waitingViews(db: DeviceDatabase, limit: number): Promise<ViewRow[]> {
	return db.views.orderBy(':id').limit(limit).toArray();
}

/** The server has every view up to this id in its audit log. */
export async function viewsReported(db: DeviceDatabase, lastViewId: number): Promise<void> {
	await db.views.where(':id').belowOrEqual(lastViewId).delete();
}
