import { StorageFull } from '../store/storage-full';
import { RemovedElsewhere, UpdatedElsewhere } from '../store/updated-elsewhere';
import type { SyncPhase } from './status';
import { ClientTooOld, Offline, SyncFailure } from './transport';

/** Timers and time, injected so tests run the scheduler on a fake clock. */
export interface SchedulerClock {
	now(): number;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface SchedulerState {
	phase: SyncPhase;
	/** Why the last attempt failed, in plain English; null after a success. */
	lastError: string | null;
	/** When the next automatic attempt is due (ms), or null. */
	nextAttemptAt: number | null;
	/** Failed attempts in a row. */
	failures: number;
}

export interface SchedulerOptions {
	/** One sync from start to end; throws a `SyncFailure` when it cannot finish. */
	run: () => Promise<void>;
	/** Whether the browser believes it has a network. */
	online: () => boolean;
	/** Web Locks, so one tab syncs at a time; without them (older browsers) every tab may. */
	locks?: Pick<LockManager, 'request'>;
	clock?: SchedulerClock;
	random?: () => number;
	/** How often to sync while all is well. */
	intervalMs?: number;
	/** Backoff after failures: from this, doubling, up to `maxDelayMs`, with full jitter. */
	minDelayMs?: number;
	maxDelayMs?: number;
	onChange?: (state: SchedulerState) => void;
}

export const LOCK_NAME = 'fellside-sync';

/** A scheduler time (ms) as the screens take it. */
export const isoTime = (ms: number | null): string | null =>
	ms === null ? null : new Date(ms).toISOString();

const realClock: SchedulerClock = {
	now: () => Date.now(),
	setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/**
 * When to sync: on start, on coming online, on becoming visible, every few minutes and on "Sync
 * now"; one tab at a time; after a failure, again after an exponentially growing, jittered delay
 * (1 s up to 10 min), reset by a success. An out-of-date app stops it until the app is updated.
 */
export class SyncScheduler {
	readonly #options: Required<Omit<SchedulerOptions, 'locks' | 'onChange'>> &
		Pick<SchedulerOptions, 'locks' | 'onChange'>;
	#state: SchedulerState = { phase: 'idle', lastError: null, nextAttemptAt: null, failures: 0 };
	#timer: unknown = null;
	#running: Promise<void> | null = null;
	#again = false;
	#stopped = false;

	constructor(options: SchedulerOptions) {
		this.#options = {
			clock: realClock,
			random: Math.random,
			intervalMs: 5 * 60_000,
			minDelayMs: 1_000,
			maxDelayMs: 10 * 60_000,
			...options
		};
	}

	get state(): SchedulerState {
		return { ...this.#state };
	}

	/**
	 * Sync now, or as soon as the attempt under way ends; resolves when the attempt that covers
	 * this request is over. Offline, it only notes that the device is offline.
	 */
	trigger(): Promise<void> {
		if (this.#stopped || this.#halted()) return Promise.resolve();
		if (!this.#options.online()) {
			this.wentOffline();
			return Promise.resolve();
		}
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#loop().finally(() => (this.#running = null));
		return this.#running;
	}

	/** The browser lost its network: no timers until it is back (the `online` event syncs). */
	wentOffline(): void {
		if (this.#halted() || this.#running) return;
		this.#clearTimer();
		this.#set({ phase: 'offline', nextAttemptAt: null });
	}

	stop(): void {
		this.#stopped = true;
		this.#clearTimer();
	}

	/**
	 * Another tab took the device store away from this one: stop for good, and say so, whether or
	 * not an attempt was under way to find out.
	 */
	closedElsewhere(error: UpdatedElsewhere | RemovedElsewhere): void {
		this.stop();
		this.#failed(error);
	}

	async #loop(): Promise<void> {
		do {
			this.#again = false;
			await this.#attempt();
		} while (this.#again && !this.#stopped && !this.#halted() && this.#options.online());
	}

	async #attempt(): Promise<void> {
		const { run, intervalMs } = this.#options;
		this.#clearTimer();
		this.#set({ phase: 'syncing', nextAttemptAt: null });
		try {
			// Another tab holding the lock is syncing for this one: try again at the usual time.
			await this.#withLock(run);
			// The store was taken away as the attempt ended: that stands.
			if (this.#halted()) return;
			this.#set({ phase: 'idle', lastError: null, failures: 0 });
			this.#schedule(intervalMs);
		} catch (error) {
			this.#failed(error);
		}
	}

	async #withLock(run: () => Promise<void>): Promise<void> {
		const locks = this.#options.locks;
		if (!locks) return run();
		await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
			if (lock) await run();
		});
	}

	/** Whether sync has stopped until the app is updated or this tab reloaded: trying again cannot help. */
	#halted(): boolean {
		return this.#state.phase === 'update-needed' || this.#state.phase === 'reload-needed';
	}

	#failed(error: unknown): void {
		if (error instanceof ClientTooOld) {
			this.#set({ phase: 'update-needed', lastError: error.message, nextAttemptAt: null });
			return;
		}
		if (error instanceof UpdatedElsewhere || error instanceof RemovedElsewhere) {
			this.#set({ phase: 'reload-needed', lastError: error.message, nextAttemptAt: null });
			return;
		}
		if (error instanceof Offline || !this.#options.online()) {
			this.#set({ phase: 'offline', lastError: null, nextAttemptAt: null });
			return;
		}
		const failures = this.#state.failures + 1;
		const { minDelayMs, maxDelayMs, random } = this.#options;
		const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** (failures - 1));
		// Full jitter spreads a flood of devices reconnecting at once; never sooner than the minimum.
		const delay = Math.max(minDelayMs, Math.round(random() * ceiling));
		this.#set({ phase: 'retrying', lastError: describe(error), failures });
		this.#schedule(delay);
	}

	#schedule(ms: number): void {
		if (this.#stopped) return;
		const { clock } = this.#options;
		this.#timer = clock.setTimeout(() => {
			this.#timer = null;
			void this.trigger();
		}, ms);
		this.#set({ nextAttemptAt: clock.now() + ms });
	}

	#clearTimer(): void {
		if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
		this.#timer = null;
	}

	#set(change: Partial<SchedulerState>): void {
		this.#state = { ...this.#state, ...change };
		this.#options.onChange?.(this.state);
	}
}

function describe(error: unknown): string {
	if (error instanceof SyncFailure) return error.message;
	if (error instanceof StorageFull)
		return "This device's storage is full, so sync could not store the server's latest changes. Nothing saved on the device is lost. Free up space on the device; sync will try again.";
	const detail = error instanceof Error ? error.message : String(error);
	return `Sync stopped because of a problem on this device: ${detail}. Changes are kept on it and sync will try again.`;
}

/** Wire the browser's moments to sync: coming online, going offline, the page becoming visible. */
export function listenForTriggers(
	scheduler: SyncScheduler,
	target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
	page: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> = document
): () => void {
	const online = () => void scheduler.trigger();
	const offline = () => scheduler.wentOffline();
	const visible = () => {
		if (page.visibilityState === 'visible') void scheduler.trigger();
	};
	target.addEventListener('online', online);
	target.addEventListener('offline', offline);
	page.addEventListener('visibilitychange', visible);
	return () => {
		target.removeEventListener('online', online);
		target.removeEventListener('offline', offline);
		page.removeEventListener('visibilitychange', visible);
	};
}
