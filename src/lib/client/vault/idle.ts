import { vaultSettingsSchema } from '$lib/domain/unlock';
import { parsed } from './refused';

/**
 * Locks the app after some minutes with no activity (default 10). The deadline is kept as a wall-
 * clock time and checked whenever anything happens, because a sleeping tab or device does not
 * run timers: on waking, the timer may fire late or never, and the first tap must not count as
 * activity that keeps the app open.
 */

/** `setTimeout` and `clearTimeout`, or a test's stand-ins. */
export interface Timer {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface IdleLockOptions {
	/** Called once when the time is up. */
	onLock: () => void;
	/** Minutes without activity before locking (1–60). */
	minutes?: number;
	/** Milliseconds since the epoch. */
	now?: () => number;
	timer?: Timer;
}

const browserTimer: Timer = {
	setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class IdleLock {
	readonly #onLock: () => void;
	readonly #period: number;
	readonly #now: () => number;
	readonly #timer: Timer;
	/** When the app locks unless there is activity first; null when not counting. */
	#deadline: number | null = null;
	#paused = false;
	#handle: unknown;

	constructor(options: IdleLockOptions) {
		const minutes = parsed(vaultSettingsSchema.shape.idleLockMinutes, options.minutes, 'minutes');
		this.#period = minutes * 60_000;
		this.#onLock = options.onLock;
		this.#now = options.now ?? Date.now;
		this.#timer = options.timer ?? browserTimer;
	}

	/** Is it counting towards a lock (started, not paused, not locked or stopped)? */
	get counting(): boolean {
		return this.#deadline !== null && !this.#paused;
	}

	/** Starts counting, as after an unlock. */
	start(): void {
		this.#paused = false;
		this.#restart();
	}

	/** Activity: postpones the lock, unless the deadline has already passed while asleep. */
	touch(): void {
		if (this.#overdue()) return;
		if (this.counting) this.#deadline = this.#now() + this.#period;
	}

	/** The page is visible or the device awake again: lock now if the time ran out meanwhile. */
	wake(): void {
		if (!this.#overdue() && this.counting) this.#schedule();
	}

	/** Stops counting for a while (as during a long task the person is watching). */
	pause(): void {
		if (this.#overdue() || !this.counting) return;
		this.#paused = true;
		this.#cancel();
	}

	/** Counts again, a full period from now. */
	resume(): void {
		if (!this.#paused || this.#deadline === null) return;
		this.#paused = false;
		this.#restart();
	}

	/** Stops without locking, as on sign-out or a lock the person asked for. */
	stop(): void {
		this.#deadline = null;
		this.#paused = false;
		this.#cancel();
	}

	#restart(): void {
		this.#deadline = this.#now() + this.#period;
		this.#schedule();
	}

	/** Has the time run out? Then lock, and say so. */
	#overdue(): boolean {
		if (!this.counting || this.#now() < (this.#deadline ?? Infinity)) return false;
		this.stop();
		this.#onLock();
		return true;
	}

	#schedule(): void {
		this.#cancel();
		const wait = Math.max(0, (this.#deadline ?? 0) - this.#now());
		// On firing, trust the clock, not the timer: activity may have moved the deadline since.
		this.#handle = this.#timer.setTimeout(() => {
			this.#handle = undefined;
			this.wake();
		}, wait);
	}

	#cancel(): void {
		if (this.#handle !== undefined) this.#timer.clearTimeout(this.#handle);
		this.#handle = undefined;
	}
}
