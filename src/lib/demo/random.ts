/**
 * Seeded pseudo-random numbers (sfc32, seeded through the cyrb128 string hash), so demo data is the
 * same on every machine and every run. Fast and well mixed, but not for anything secret.
 */

const TWO_POW_32 = 4294967296;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export type DateInput = Date | string | number;

/** cyrb128: spreads any string over the four 32-bit words sfc32 needs. */
function hashSeed(seed: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function hex32(n: number): string {
	// Table look-ups: uuid() runs once per record and toString(16) + padStart showed up in profiles.
	return (HEX[n >>> 24] as string) + (HEX[(n >>> 16) & 255] as string) + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

function toMs(date: DateInput): number {
	const ms = date instanceof Date ? date.getTime() : typeof date === 'string' ? Date.parse(date) : date;
	if (!Number.isFinite(ms)) throw new RangeError(`Not a date: ${String(date)}`);
	return ms;
}

export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: string) {
		[this.a, this.b, this.c, this.d] = hashSeed(seed);
		// sfc32's first outputs still echo the seed; discard them so similar seeds diverge at once.
		for (let i = 0; i < 15; i++) this.uint32();
	}

	/** An integer in [0, 2^32). */
	uint32(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		return this.uint32() / TWO_POW_32;
	}

	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number {
		if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
			throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
		}
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new RangeError('pick() needs at least one item');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** One value, drawn in proportion to its weight: `weighted([['a', 3], ['b', 1]])`. */
	weighted<const T>(entries: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const [, weight] of entries) total += weight;
		if (!(total > 0)) throw new RangeError('weighted() needs a positive total weight');
		let r = this.next() * total;
		for (const [value, weight] of entries) {
			r -= weight;
			if (r < 0 && weight > 0) return value;
		}
		// Rounding can leave r a hair above zero after the last entry: fall back to the last weighted one.
		for (let i = entries.length - 1; i >= 0; i--) {
			const entry = entries[i];
			if (entry && entry[1] > 0) return entry[0];
		}
		throw new RangeError('weighted() found no positive weight');
	}

	/** Shuffles in place (Fisher–Yates) and returns the same array. */
	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) this.swap(items, i, this.int(0, i));
		return items;
	}

	/** Up to `count` distinct items, in random order. */
	sample<T>(items: readonly T[], count: number): T[] {
		const pool = items.slice();
		const n = Math.max(0, Math.min(count, pool.length));
		for (let i = 0; i < n; i++) this.swap(pool, i, this.int(i, pool.length - 1));
		return pool.slice(0, n);
	}

	/** An RFC 4122 version-4 UUID built from this generator (never from crypto). */
	uuid(): string {
		const a = this.uint32();
		const b = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
		const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
		const d = this.uint32();
		const bh = hex32(b);
		const ch = hex32(c);
		return `${hex32(a)}-${bh.slice(0, 4)}-${bh.slice(4)}-${ch.slice(0, 4)}-${ch.slice(4)}${hex32(d)}`;
	}

	/** A moment in [from, to), to the millisecond. */
	dateBetween(from: DateInput, to: DateInput): Date {
		return new Date(this.msBetween(toMs(from), toMs(to)));
	}

	/** As dateBetween, in epoch milliseconds: no Date objects on the hot path. */
	msBetween(startMs: number, endMs: number): number {
		if (!(endMs >= startMs)) throw new RangeError('msBetween() needs from <= to');
		return startMs + Math.floor(this.next() * (endMs - startMs));
	}

	private swap<T>(items: T[], i: number, j: number): void {
		const held = items[i] as T;
		items[i] = items[j] as T;
		items[j] = held;
	}
}
