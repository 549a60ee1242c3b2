import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType, StaffRole } from '$lib/domain/records';
import { HybridClock, type Hlc } from '$lib/domain/sync/hlc';
import {
	ARCHIVED_KEY,
	AREA_KEY,
	PROTOCOL_VERSION,
	SCHEMA_VERSION,
	type MutationInput,
	type PullResponse,
	type PushResponse,
	type SyncRecord
} from '$lib/domain/sync/protocol';
import { scopeOf, type Actor } from '../auth/actor';
import { resolveSession, startSession } from '../auth/sessions';
import { POLICY } from '../auth/testing';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import { ensureAreas } from '../db/reference-data';
import type { TestDatabase } from '../db/testing';
import { handleSync, type SyncEndpoint, type SyncRequestInfo, type SyncServer } from './http';
import type { ServerClock, SyncDatabase } from './storage';

/** Test support for sync: a migrated database, and a device that speaks the protocol. */

/** A change's field values, as the protocol carries them. */
export type Fields = NonNullable<MutationInput['set']>;

export const T0 = Date.parse('2026-11-23T10:00:00.000Z');
export const DAY = 86_400_000;
export const HALL: Fields = { kind: 'place', name: 'Village hall', status: 'active', lifecycle: 'draft' };

/** The member of staff the test devices sync as (an administrator: every area). */
export const SYNC_STAFF: Actor = {
	staffId: '5ad0c0de-0000-4000-8000-000000000001',
	username: 'test.sync',
	displayName: 'Test Sync',
	role: 'admin',
	areaIds: ['allerdale', 'barrow', 'carlisle', 'copeland', 'eden', 'south-lakeland'],
	sessionId: 'test-session',
	deviceId: null
};

export const SYNC_SCOPE = scopeOf(SYNC_STAFF);

export async function openSyncDatabase(kind: TestDatabase) {
	const handle = await kind.open();
	await migrateToLatest(handle.db);
	await ensureAreas(handle.db);
	await addSyncStaff(handle.db, SYNC_STAFF);
	const database: SyncDatabase = { db: handle.db, kind: handle.kind };
	return { database, url: handle.url, cleanup: handle.cleanup };
}

/** Store a member of staff for a test device to sync as (no password: they never sign in). */
export async function addSyncStaff(db: Kysely<Database>, actor: Actor): Promise<Actor> {
	const at = new Date(T0).toISOString();
	await db
		.insertInto('staff')
		.values({
			id: actor.staffId,
			username: actor.username,
			display_name: actor.displayName,
			role: actor.role,
			area_ids: JSON.stringify(actor.areaIds),
			password_hash: null,
			created_at: at,
			updated_at: at
		})
		.execute();
	return actor;
}

/** A member of staff with this role and these areas, stored for a test device to sync as. */
export function addStaffAs(db: Kysely<Database>, username: string, role: StaffRole, areaIds: AreaId[]) {
	return addSyncStaff(db, {
		...SYNC_STAFF,
		staffId: randomUUID(),
		username,
		displayName: username,
		role,
		areaIds
	});
}

/**
 * Who a device syncs as, signed in through a real session: each request resolves the session
 * again, as the server's hook does, so a change to the person's role or areas applies at once.
 */
export type SignedInAs = Actor | (() => Promise<Actor>);

export async function signedInAs(db: Kysely<Database>, staffId: string): Promise<() => Promise<Actor>> {
	const at = new Date(T0);
	const { token } = await startSession(db, staffId, null, at, POLICY);
	return async () => {
		const resolved = await resolveSession(db, token, at, POLICY);
		if (!resolved) throw new Error(`the session of ${staffId} is no longer good`);
		return resolved.actor;
	};
}

/** A settable server clock. */
export function serverClock(start = T0) {
	let now = start;
	const clock: ServerClock = () => now;
	return { clock, set: (ms: number) => (now = ms), advance: (ms: number) => (now += ms) };
}

/** The request info of a same-origin JSON request from the app, signed in. */
export const APP_REQUEST: SyncRequestInfo = {
	contentType: 'application/json',
	origin: 'http://localhost:3000',
	secFetchSite: 'same-origin',
	serverOrigin: 'http://localhost:3000',
	actor: SYNC_STAFF
};

/**
 * A device as the protocol sees it: its client id, mutation numbering, hybrid clock, the records
 * and cursor it pulled, and the changes waiting to be sent. Every request goes through
 * `handleSync` as JSON text, exactly as it would over HTTP.
 */
export class ProtocolDevice {
	readonly clock: HybridClock;
	readonly records = new Map<string, SyncRecord>();
	outbox: MutationInput[] = [];
	cursor: string | null = null;
	/** What its pushes carry: the count the server's last gap answer gave (see sync/push). */
	numbering = 0;
	#nextId = 1;

	constructor(
		readonly server: SyncServer,
		readonly name: string,
		wall: () => number = () => T0,
		/** Who is signed in on the device. */
		readonly actor: SignedInAs = SYNC_STAFF,
		readonly clientId: string = randomUUID()
	) {
		this.clock = new HybridClock(this.clientId, wall);
	}

	#queue(change: Omit<MutationInput, 'id' | 'hlc' | 'at'>): MutationInput {
		const mutation = {
			...change,
			id: this.#nextId++,
			hlc: this.clock.tick(),
			at: new Date(T0).toISOString()
		};
		this.outbox.push(mutation);
		return mutation;
	}

	#base(recordId: string, keys: readonly string[]): Record<string, Hlc | null> {
		const versions = this.records.get(recordId)?.versions ?? {};
		const base: Record<string, Hlc | null> = { [ARCHIVED_KEY]: versions[ARCHIVED_KEY] ?? null };
		for (const key of keys) base[key] = versions[key] ?? null;
		return base;
	}

	create(data: Fields = HALL, area: AreaId = 'eden', type: RecordType = 'asset') {
		const recordId = randomUUID();
		return this.#queue({ recordId, type, op: 'create', set: data, area });
	}

	edit(recordId: string, set: Fields, type: RecordType = 'asset') {
		return this.#queue({ recordId, type, op: 'update', set, base: this.#base(recordId, Object.keys(set)) });
	}

	archive(recordId: string, type: RecordType = 'asset') {
		const keys = Object.keys(this.records.get(recordId)?.versions ?? {});
		return this.#queue({ recordId, type, op: 'archive', base: this.#base(recordId, keys) });
	}

	/** The same device (client id, cursor, records) with someone else signed in on it. */
	handedTo(actor: SignedInAs): ProtocolDevice {
		const next = new ProtocolDevice(this.server, this.name, () => T0, actor, this.clientId);
		next.cursor = this.cursor;
		for (const [id, record] of this.records) next.records.set(id, record);
		return next;
	}

	/** Move a record to another area. */
	move(recordId: string, area: AreaId, type: RecordType = 'asset') {
		return this.#queue({ recordId, type, op: 'update', area, base: this.#base(recordId, [AREA_KEY]) });
	}

	resolve(recordId: string, conflictIds: string[], set: Fields = {}) {
		const keys = Object.keys(set);
		return this.#queue({
			recordId,
			type: 'asset',
			op: 'update',
			set,
			base: this.#base(recordId, keys),
			resolves: conflictIds
		});
	}

	/**
	 * A request as the device sends it: a push carries the numbering the last gap answer gave (the
	 * body may say otherwise, or `numbering: undefined` for none).
	 */
	async request(endpoint: SyncEndpoint, body: Record<string, unknown>) {
		const envelope = {
			protocol: PROTOCOL_VERSION,
			schemaVersion: SCHEMA_VERSION,
			clientId: this.clientId,
			...(endpoint === 'push' ? { numbering: this.numbering } : {}),
			...body
		};
		const actor = typeof this.actor === 'function' ? await this.actor() : this.actor;
		const answer = await handleSync(
			endpoint,
			JSON.stringify(envelope),
			{ ...APP_REQUEST, actor },
			this.server
		);
		const numbering = (answer.body as { error?: { numbering?: unknown } } | undefined)?.error?.numbering;
		if (typeof numbering === 'number') this.numbering = numbering;
		return answer;
	}

	/** Send the waiting changes (or the given ones); acknowledged ones leave the outbox. */
	async push(mutations: MutationInput[] = this.outbox): Promise<PushResponse> {
		const answer = await this.request('push', { deviceName: this.name, mutations });
		if (answer.status !== 200)
			throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
		const response = answer.body as PushResponse;
		const done = new Set(response.results.map((r) => r.id));
		this.outbox = this.outbox.filter((m) => !done.has(m.id));
		return response;
	}

	/** Pull to the end, keeping records and folding every version into the clock. */
	async pull(limit?: number): Promise<PullResponse[]> {
		const pages: PullResponse[] = [];
		for (;;) {
			const answer = await this.request('pull', { cursor: this.cursor, ...(limit ? { limit } : {}) });
			if (answer.status !== 200)
				throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			const page = answer.body as PullResponse;
			pages.push(page);
			if (page.reset) return pages;
			for (const change of page.changes) {
				if (change.kind === 'record') {
					this.records.set(change.record.id, change.record);
					for (const stamp of Object.values(change.record.versions)) this.clock.receive(stamp);
				} else if (change.kind !== 'conflict') this.records.delete(change.id);
			}
			this.cursor = page.cursor;
			if (!page.more) return pages;
		}
	}

	async sync(): Promise<void> {
		if (this.outbox.length > 0) await this.push();
		await this.pull();
	}
}
