import type { AreaId } from '$lib/domain/areas';
import { sameValue } from '$lib/domain/common/equality';
import { compareHlc, nodeOf } from '$lib/domain/sync/hlc';
import { ARCHIVED_KEY, AREA_KEY, type Conflict } from '$lib/domain/sync/protocol';
import { assetKind } from '$lib/domain/record-kinds';
import type { DeviceDatabase, OutboxEntry } from '$lib/client/store/database';
import { RecordRepository } from '$lib/client/store/repository';
import { SyncEngine } from '$lib/client/sync/engine';
import { HttpSyncTransport } from '$lib/client/sync/http-transport';
import { SyncFailure } from '$lib/client/sync/transport';
import { handleSync, type SyncServer } from '$lib/server/sync';
import { APP_REQUEST } from '$lib/server/sync/testing';
import { storedIn, testDatabase } from '$lib/client/store/testing';

/**
 * A seeded simulation of field work: devices that edit records offline and sync over a network
 * that drops requests, loses answers after the server committed, delivers twice, and delivers
 * stale copies late. The devices run the real client (repository, sync engine, HTTP transport
 * over fake-indexeddb); the server is the real `handleSync` on a real database.
 */

/** A small, fast, seedable PRNG (mulberry32): every run is replayable from its seed. */
export function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
	};
}
export type Random = ReturnType<typeof random>;

const AREAS: AreaId[] = ['allerdale', 'eden', 'carlisle'];
const NAMES = ['Village hall', 'Reading room', 'Chapel', 'Institute'];
const TEXTS = ['', 'Tuesdays', 'Step-free', 'Closed in August', 'Ask at the shop'];
const TEXT_FIELDS = ['description', 'organisation', 'scheduleNotes', 'accessibilityOther'] as const;

export interface Faults {
	dropRequest: number;
	dropAnswer: number;
	duplicate: number;
	/** A copy kept back and delivered again later, out of order. */
	delayCopy: number;
	/** Held up on its way for a few milliseconds, so a request sent after it may arrive first. */
	slow: number;
}
export const NO_FAULTS: Faults = { dropRequest: 0, dropAnswer: 0, duplicate: 0, delayCopy: 0, slow: 0 };

interface Delayed {
	endpoint: string;
	body: string;
}

export class SimulatedDevice {
	readonly db: DeviceDatabase;
	readonly assets: RecordRepository<Record<string, unknown>>;
	readonly engine: SyncEngine;
	online = true;
	faults: Faults;
	/** Every change this device made, read back from its outbox as it was written. */
	readonly written: OutboxEntry[] = [];
	readonly delayed: Delayed[] = [];

	constructor(
		readonly name: string,
		readonly server: SyncServer,
		readonly rng: Random,
		/** How far this device's clock is from the server's. */
		readonly skewMs: number,
		serverNow: () => number,
		faults: Faults
	) {
		this.faults = faults;
		this.db = testDatabase(`sim-${name}`);
		const now = () => new Date(serverNow() + skewMs).toISOString();
		this.assets = new RecordRepository(this.db, assetKind as never, { now });
		const transport = new HttpSyncTransport({
			fetcher: (input, init) => this.#deliver(String(input), init),
			online: () => this.online
		});
		this.engine = new SyncEngine(this.db, { transport, now, deviceName: name });
	}

	/** The network between this device and the server, with its faults. */
	async #deliver(url: string, init: RequestInit | undefined): Promise<Response> {
		const endpoint = url.slice(url.lastIndexOf('/') + 1);
		const body = String(init?.body ?? '');
		const faults = this.faults;
		if (this.rng.chance(faults.dropRequest)) throw new TypeError('Failed to fetch (request lost)');
		if (this.rng.chance(faults.delayCopy)) this.delayed.push({ endpoint, body });
		if (this.rng.chance(faults.slow))
			await new Promise((resolve) => setTimeout(resolve, 1 + this.rng.int(8)));
		let answer = await this.#serve(endpoint, body);
		if (this.rng.chance(faults.duplicate)) answer = await this.#serve(endpoint, body);
		if (this.rng.chance(faults.dropAnswer)) throw new TypeError('Failed to fetch (answer lost)');
		return new Response(answer.json ?? JSON.stringify(answer.body), {
			status: answer.status,
			headers: { 'content-type': 'application/json' }
		});
	}

	#serve(endpoint: string, body: string) {
		return handleSync(endpoint as 'push' | 'pull' | 'fetch', body, APP_REQUEST, this.server);
	}

	/** Deliver a stale copy of an earlier request, whose answer nobody reads. */
	async deliverLate(): Promise<void> {
		const copy = this.delayed.splice(this.rng.int(this.delayed.length), 1)[0];
		if (copy) await this.#serve(copy.endpoint, copy.body);
	}

	async #recordWrite(write: () => Promise<unknown>): Promise<void> {
		const before = (await this.db.outbox.orderBy('seq').last())?.seq ?? 0;
		await write();
		const added = await this.db.seal.openEntries(await this.db.outbox.where('seq').above(before).toArray());
		this.written.push(...added);
	}

	async create(): Promise<void> {
		const rng = this.rng;
		const data = { kind: 'place', name: rng.pick(NAMES), status: 'active', lifecycle: 'draft' };
		await this.#recordWrite(() => this.assets.create(rng.pick(AREAS), data));
	}

	/** Edit one or two fields of a record on this device, to values often equal to another's. */
	async edit(disjointFields?: readonly string[]): Promise<void> {
		const record = await this.#someRecord(false);
		if (!record) return;
		const rng = this.rng;
		const fields = disjointFields ?? [...TEXT_FIELDS, 'name'];
		const data = { ...record.data };
		for (let n = 1 + rng.int(2); n > 0; n--) {
			const field = rng.pick(fields);
			data[field] = field === 'name' ? rng.pick(NAMES) : rng.pick(TEXTS);
		}
		// Moving a record between areas is a shared field too, so not when devices keep to their own.
		const area = !disjointFields && rng.chance(0.1) ? rng.pick(AREAS) : undefined;
		await this.#recordWrite(() => this.assets.update(record.id, data, area));
	}

	/**
	 * A long day with no signal: enough changes for several pushes, so the next sync has batches on
	 * their way at once.
	 */
	async busyDay(changes: number, disjointFields?: readonly string[]): Promise<void> {
		for (let n = 0; n < changes; n++) {
			if (this.rng.chance(0.2)) await this.create();
			else await this.edit(disjointFields);
		}
	}

	async archiveOrRestore(): Promise<void> {
		const archived = this.rng.chance(0.4);
		const record = await this.#someRecord(archived);
		if (!record) return;
		await this.#recordWrite(() =>
			archived ? this.assets.restore(record.id) : this.assets.archive(record.id)
		);
	}

	async #someRecord(archived: boolean) {
		const records = (await storedIn(this.db).records()).filter((r) => Boolean(r.archivedAt) === archived);
		return records.length > 0 ? this.rng.pick(records) : undefined;
	}

	/** One sync attempt; a failure the network caused is expected, anything else is a bug. */
	async sync(): Promise<void> {
		try {
			await this.engine.sync();
		} catch (error) {
			if (!(error instanceof SyncFailure) || error.kind === 'rejected' || error.kind === 'bad-answer')
				throw error;
		}
	}
}

/** What every device should have written, by record and key: the write with the latest stamp. */
export function expectedFinalValues(devices: SimulatedDevice[]) {
	const latest = new Map<string, { hlc: string; value: unknown }>();
	for (const entry of devices.flatMap((d) => d.written)) {
		const keys: [string, unknown][] = Object.entries(entry.set);
		if (entry.area) keys.push([AREA_KEY, entry.area]);
		if (entry.op === 'archive' || entry.op === 'restore') keys.push([ARCHIVED_KEY, entry.op === 'archive']);
		for (const [key, value] of keys) {
			const id = `${entry.recordId}/${key}`;
			const known = latest.get(id);
			if (!known || compareHlc(entry.hlc, known.hlc) > 0) latest.set(id, { hlc: entry.hlc, value });
		}
	}
	return latest;
}

/**
 * Conflicts must be real: two different devices, different values, each side a write that device
 * really made, and neither write made with knowledge of the other.
 */
export function unexplainedConflicts(conflicts: Conflict[], devices: SimulatedDevice[]): string[] {
	const writes = new Map<string, OutboxEntry>();
	for (const entry of devices.flatMap((d) => d.written)) writes.set(entry.hlc, entry);
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const conflict of conflicts) {
		const pair = `${conflict.recordId}/${conflict.field}/${[conflict.kept.hlc, conflict.other.hlc].sort().join('/')}`;
		if (seen.has(pair)) problems.push(`conflict raised twice: ${pair}`);
		seen.add(pair);
		if (conflict.field === ARCHIVED_KEY) continue;
		if (nodeOf(conflict.kept.hlc) === nodeOf(conflict.other.hlc))
			problems.push(`conflict ${conflict.id} has one device on both sides`);
		if (sameValue(conflict.kept.value ?? undefined, conflict.other.value ?? undefined))
			problems.push(`conflict ${conflict.id} between equal values`);
		const kept = writes.get(conflict.kept.hlc);
		const other = writes.get(conflict.other.hlc);
		if (!kept || !other) {
			problems.push(`conflict ${conflict.id} names a write no device made`);
			continue;
		}
		const knew = (a: OutboxEntry, b: OutboxEntry) => {
			const base = a.base[conflict.field];
			return typeof base === 'string' && compareHlc(base, b.hlc) >= 0;
		};
		if (knew(kept, other) && knew(other, kept))
			problems.push(`conflict ${conflict.id} between writes that each knew of the other`);
	}
	return problems;
}
