import type { DeviceDatabase } from '../store/database';
import { clientIdOf, loadClock, META, readNumber, saveClock, writeMeta } from '../store/meta';
import { pullAll, type PullOutcome } from './pull';
import { pushAll, type PushOutcome } from './push';
import { refreshStaff } from './staff';
import { localChanges, storeServerCopies } from './server-copy';
import { envelope, nowMs, type SyncContext } from './sync-context';
import type { SyncTransport } from './transport';
import { reportViews } from './views';

export interface SyncEngineOptions {
	transport: SyncTransport;
	/** The device's time, ISO. */
	now?: () => string;
	/** What people call this device, shown beside its edits in conflict review. */
	deviceName?: string;
}

export interface SyncOutcome {
	push: PushOutcome;
	/** Views of sensitive records reported to the audit log. */
	views: number;
	pull: PullOutcome;
	/** Staff named in the directory now kept on the device. */
	staff: number;
	/** When it finished. */
	at: string;
}

/**
 * Moves changes between this device and the server: everything waiting is pushed, views of
 * sensitive records are reported, then everything new on the server is pulled to the end, and the
 * names of the staff the person's records name are brought up to date. Plain TypeScript, so it
 * runs in Node as in the browser; the scheduler decides when, and one tab at a time.
 */
export class SyncEngine {
	readonly #db: DeviceDatabase;
	readonly #transport: SyncTransport;
	readonly #now: () => string;
	readonly #deviceName: string | undefined;

	constructor(db: DeviceDatabase, options: SyncEngineOptions) {
		this.#db = db;
		this.#transport = options.transport;
		this.#now = options.now ?? (() => new Date().toISOString());
		this.#deviceName = options.deviceName;
	}

	/** One full sync. Throws a `SyncFailure` (nothing lost) when it cannot finish. */
	async sync(): Promise<SyncOutcome> {
		const context = await this.#context();
		const push = await pushAll(context);
		// After the push, so a record made offline is on the server when its view is recorded.
		const views = await reportViews(context);
		const pull = await pullAll(context);
		const staff = await refreshStaff(context);
		const at = this.#now();
		await writeMeta(this.#db.meta, META.lastSuccessAt, at);
		return { push, views, pull, staff, at };
	}

	/**
	 * Discard a change the server refused: the record goes back to the server's copy (with any
	 * other unsent changes still on top), or leaves the device if the server never had it.
	 */
	async discardRefused(refusedId: number): Promise<void> {
		const db = this.#db;
		const row = await db.refused.get(refusedId);
		if (!row) return;
		const context = await this.#context();
		const recordId = row.entry.recordId;
		const answer = await this.#transport.fetch({ ...envelope(context), ids: [recordId] });
		await db.write(async () => {
			await db.refused.delete(refusedId);
			const server = answer.records.filter((record) => record.id === recordId);
			if (server.length > 0) {
				const clock = await loadClock(db.meta, nowMs(context));
				await storeServerCopies(db, server, clock, await readNumber(db.meta, META.resetEpoch, 0));
				await saveClock(db.meta, clock);
			} else if (!(await localChanges(db, [recordId])).has(recordId)) {
				await db.records.delete(recordId);
				await db.conflicts.where('recordId').equals(recordId).delete();
			}
		});
	}

	async #context(): Promise<SyncContext> {
		const db = this.#db;
		const clientId = await db.write(() => clientIdOf(db.meta));
		const context: SyncContext = { db, transport: this.#transport, clientId, now: this.#now };
		if (this.#deviceName) context.deviceName = this.#deviceName;
		return context;
	}
}
