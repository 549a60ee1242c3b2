import { z } from 'zod';

/**
 * Hybrid logical clock stamps (Kulkarni et al.): wall-clock milliseconds, a counter for events in
 * the same millisecond, and the node (the device's client id) that made the stamp. Encoded with
 * fixed widths so that comparing the strings compares the clocks.
 */
export interface HlcStamp {
	ms: number;
	counter: number;
	node: string;
}

const MS_WIDTH = 15;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
export const HLC_PATTERN = /^(\d{15})-([0-9a-z]{4})-([A-Za-z0-9-]{1,64})$/;

export const hlcSchema = z
	.string({ error: 'A clock stamp must be a string' })
	.regex(HLC_PATTERN, 'A clock stamp must look like 001767225600000-0000-<client id>');
export type Hlc = z.infer<typeof hlcSchema>;

/** `hlcSchema` as a plain check, for places that check thousands of stamps at once. */
export const isHlc = (value: unknown): value is Hlc => typeof value === 'string' && HLC_PATTERN.test(value);

export function encodeHlc({ ms, counter, node }: HlcStamp): Hlc {
	return `${String(ms).padStart(MS_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${node}`;
}

export function decodeHlc(stamp: string): HlcStamp {
	const match = HLC_PATTERN.exec(stamp);
	if (!match) throw new Error(`Not a clock stamp: ${stamp.slice(0, 80)}`);
	return { ms: Number(match[1]), counter: parseInt(match[2] ?? '0', 36), node: match[3] ?? '' };
}

/** The node (client id) that made a stamp. */
export const nodeOf = (stamp: string): string => decodeHlc(stamp).node;

/** Clock order; ties between nodes broken by node id, so every device picks the same winner. */
export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How far ahead of the server's clock a device's stamp may be. Beyond it the stamp is clamped to
 * the server's time: a device whose clock is days fast must not win every edit for days. A device
 * whose clock is slow catches up by `receive` at its first sync. Sync is never refused over drift.
 */
export const MAX_CLOCK_AHEAD_MS = 60_000;

export function clampHlc(stamp: Hlc, serverNowMs: number): Hlc {
	const decoded = decodeHlc(stamp);
	if (decoded.ms <= serverNowMs + MAX_CLOCK_AHEAD_MS) return stamp;
	return encodeHlc({ ...decoded, ms: serverNowMs });
}

/** One node's clock. `tick` stamps a local event; `receive` folds in a stamp seen from elsewhere. */
export class HybridClock {
	readonly #node: string;
	readonly #now: () => number;
	#ms: number;
	#counter: number;

	constructor(node: string, now: () => number = Date.now, last?: string) {
		if (!/^[A-Za-z0-9-]{1,64}$/.test(node)) throw new Error(`Not a valid clock node id: ${node}`);
		this.#node = node;
		this.#now = now;
		const previous = last ? decodeHlc(last) : { ms: 0, counter: 0 };
		this.#ms = previous.ms;
		this.#counter = previous.counter;
	}

	/** The last stamp this clock made or saw, to persist between sessions. */
	get last(): Hlc {
		return encodeHlc({ ms: this.#ms, counter: this.#counter, node: this.#node });
	}

	tick(): Hlc {
		const wall = this.#now();
		if (wall > this.#ms) {
			this.#ms = wall;
			this.#counter = 0;
		} else this.#advanceCounter();
		return this.last;
	}

	receive(stamp: string): void {
		const remote = decodeHlc(stamp);
		const wall = this.#now();
		if (wall > this.#ms && wall > remote.ms) {
			this.#ms = wall;
			this.#counter = 0;
		} else if (remote.ms > this.#ms) {
			this.#ms = remote.ms;
			this.#counter = remote.counter;
			this.#advanceCounter();
		} else if (remote.ms === this.#ms) {
			this.#counter = Math.max(this.#counter, remote.counter);
			this.#advanceCounter();
		}
	}

	#advanceCounter(): void {
		if (this.#counter < MAX_COUNTER) this.#counter++;
		else {
			// A million events in one millisecond: borrow the next millisecond rather than overflow.
			this.#ms++;
			this.#counter = 0;
		}
	}
}
