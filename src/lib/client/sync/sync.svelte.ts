import { liveQuery } from 'dexie';
import type { DeviceDatabase } from '../store/database';
import type { RemovedElsewhere, UpdatedElsewhere } from '../store/updated-elsewhere';
import { NO_COUNTS, readSyncCounts, syncStateOf, type SyncCounts } from './counts';
import type { SyncEngine } from './engine';
import {
	isoTime,
	listenForTriggers,
	SyncScheduler,
	type SchedulerOptions,
	type SchedulerState
} from './scheduler';
import type { RecordSyncState, SyncPhase, SyncView } from './status';

export interface DeviceSyncOptions extends Pick<SchedulerOptions, 'clock' | 'random' | 'locks'> {
	/** Whether the browser believes it has a network. */
	online?: () => boolean;
}

/**
 * Sync as the screens see it: the engine run by the scheduler, with the counts of waiting,
 * refused and conflicting changes read live from the device (so they follow every write, in this
 * tab or another). Components read the getters and update by themselves.
 */
export class DeviceSync implements SyncView {
	readonly #db: DeviceDatabase;
	readonly #engine: SyncEngine;
	readonly #scheduler: SyncScheduler;
	readonly #isOnline: () => boolean;
	#online = $state(true);
	#state = $state.raw<SchedulerState>({ phase: 'idle', lastError: null, nextAttemptAt: null, failures: 0 });
	#counts = $state.raw<SyncCounts>(NO_COUNTS);
	#revision = $state(0);

	constructor(db: DeviceDatabase, engine: SyncEngine, options: DeviceSyncOptions = {}) {
		this.#db = db;
		this.#engine = engine;
		this.#isOnline = options.online ?? (() => globalThis.navigator?.onLine ?? true);
		this.#online = this.#isOnline();
		const locks = options.locks ?? globalThis.navigator?.locks;
		this.#scheduler = new SyncScheduler({
			...options,
			...(locks ? { locks } : {}),
			run: async () => {
				await this.#engine.sync();
			},
			online: this.#isOnline,
			onChange: (state) => (this.#state = state)
		});
	}

	get online(): boolean {
		return this.#online;
	}
	get phase(): SyncPhase {
		return this.#state.phase;
	}
	get pending(): number {
		return this.#counts.pending;
	}
	get refused(): number {
		return this.#counts.refused;
	}
	get openConflicts(): number {
		return this.#counts.openConflicts;
	}
	get unreportedViews(): number {
		return this.#counts.unreportedViews;
	}
	get lastSuccessAt(): string | null {
		return this.#counts.lastSuccessAt;
	}
	get lastError(): string | null {
		return this.#state.lastError;
	}
	get nextAttemptAt(): string | null {
		return isoTime(this.#state.nextAttemptAt);
	}
	get safeToHandIn(): boolean {
		const unsent = this.pending + this.refused + this.unreportedViews;
		return unsent === 0 && this.lastSuccessAt !== null;
	}
	get revision(): number {
		return this.#revision;
	}

	/** A record's own sync state, for its badge. */
	recordSyncState(recordId: string): RecordSyncState {
		return syncStateOf(this.#counts, recordId);
	}

	syncNow(): Promise<void> {
		return this.#scheduler.trigger();
	}

	/** Another tab took the device store away (see `SyncScheduler.closedElsewhere`). */
	closedElsewhere(error: UpdatedElsewhere | RemovedElsewhere): void {
		this.#scheduler.closedElsewhere(error);
	}

	/** Discard a change the server refused: the record goes back to the server's copy. */
	async discardRefused(refusedId: number): Promise<void> {
		await this.#engine.discardRefused(refusedId);
		this.#revision++;
	}

	/**
	 * Start watching the device and syncing: now, on coming online, on becoming visible and on a
	 * timer. Returns the function that stops it all.
	 */
	start(
		target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
		page: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> = document
	): () => void {
		const subscription = liveQuery(() => readSyncCounts(this.#db)).subscribe({
			next: (counts) => {
				// A pull stored something (here or in another tab): open lists read the device again.
				if (counts.cursor !== this.#counts.cursor && this.#counts !== NO_COUNTS) this.#revision++;
				this.#counts = counts;
			},
			error: (error: unknown) => {
				const detail = error instanceof Error ? error.message : String(error);
				this.#state = { ...this.#state, lastError: `Could not read sync state on this device: ${detail}` };
			}
		});
		const connectivity = () => (this.#online = this.#isOnline());
		target.addEventListener('online', connectivity);
		target.addEventListener('offline', connectivity);
		const stopTriggers = listenForTriggers(this.#scheduler, target, page);
		void this.#scheduler.trigger();
		return () => {
			subscription.unsubscribe();
			target.removeEventListener('online', connectivity);
			target.removeEventListener('offline', connectivity);
			stopTriggers();
			this.#scheduler.stop();
		};
	}
}
