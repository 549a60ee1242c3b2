import { createHash } from 'node:crypto';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType } from '$lib/domain/records';
import { HybridClock, type Hlc } from '$lib/domain/sync/hlc';
import {
	ARCHIVED_KEY,
	AREA_KEY,
	PROTOCOL_VERSION,
	SCHEMA_VERSION,
	type JsonValue,
	type Mutation,
	type MutationResult,
	type PushRequest,
	type SyncRecord
} from '$lib/domain/sync/protocol';
import { scopeOf, type Actor } from '../auth/actor';
import { push } from '../sync/push';
import { SyncRefusal } from '../sync/refusal';
import type { ServerClock, SyncDatabase } from '../sync/storage';

/**
 * API writes go through sync's own push, so a record changed over the API is merged field by
 * field, logged for pulls, checked for conflicts and audited exactly as a device's change is.
 * The server acts as one more device per member of staff: its own client id, mutation numbers
 * and clock stamps.
 */

/** What people see beside an API change in conflict review. */
export const API_DEVICE_NAME = 'Fellside API';

/** A change to one record, before the server numbers and stamps it. */
export interface RecordChange {
	op: Mutation['op'];
	type: RecordType;
	recordId: string;
	set?: Record<string, JsonValue>;
	area?: AreaId;
}

/**
 * The sync client id the server writes a member of staff's API changes as: derived from their
 * staff id, so it is the same after a restart, shaped as a UUID (version 8) as the protocol asks.
 */
export function apiClientId(staffId: string): string {
	const hex = createHash('sha256').update(`fellside-api-client:${staffId}`).digest('hex');
	const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The versions the change was made knowing: everything the server held when the caller read it.
 * A field changed by a device between that read and this write is then a true conflict, kept for
 * a person to review.
 */
function baseOf(change: RecordChange, current: SyncRecord | undefined): Record<string, Hlc | null> {
	if (!current) return {};
	const versions = current.versions;
	const keys =
		change.op === 'update'
			? [...Object.keys(change.set ?? {}), ...(change.area ? [AREA_KEY] : []), ARCHIVED_KEY]
			: Object.keys(versions);
	return Object.fromEntries(keys.map((key) => [key, versions[key] ?? null]));
}

/** A stamp later than every version of the record, so the caller's change wins over what they saw. */
function stampAfter(clientId: string, clock: ServerClock, current: SyncRecord | undefined): Hlc {
	const hlc = new HybridClock(clientId, clock);
	for (const stamp of Object.values(current?.versions ?? {})) hlc.receive(stamp);
	return hlc.tick();
}

/**
 * This process's API writes for one client id, one after another, so each takes the next number.
 * This assumes one server process (adapter-node runs one). With several, a number another process
 * took first for a different record is answered as a gap and retried below; for the same record,
 * push would take the change for a replay and answer the earlier one, so do not run several.
 */
const queues = new Map<string, Promise<unknown>>();
function inTurn<T>(clientId: string, work: () => Promise<T>): Promise<T> {
	const mine = (queues.get(clientId) ?? Promise.resolve()).then(work, work);
	const settled = mine.catch(() => undefined);
	queues.set(clientId, settled);
	void settled.then(() => {
		if (queues.get(clientId) === settled) queues.delete(clientId);
	});
	return mine;
}

/**
 * Tries in all: again at the number expected when another server process took it first (a gap),
 * or under the numbering the server gives when this one was out of date (a stale refusal).
 */
const GAP_RETRIES = 3;

/**
 * Apply one change as the actor, through push. `current` is the record as the caller's request
 * saw it (absent for a create). The answer is push's own: applied (with any conflicts raised) or
 * rejected with the reason and the fields that are wrong.
 */
export function applyRecordChange(
	database: SyncDatabase,
	actor: Actor,
	change: RecordChange,
	current: SyncRecord | undefined,
	clock: ServerClock
): Promise<MutationResult> {
	const clientId = apiClientId(actor.staffId);
	return inTurn(clientId, async () => {
		let { next, numbering } = await clientState(database, clientId);
		for (let attempt = 1; ; attempt++) {
			const mutation: Mutation = {
				id: next,
				recordId: change.recordId,
				type: change.type,
				op: change.op,
				set: change.set ?? {},
				...(change.area ? { area: change.area } : {}),
				hlc: stampAfter(clientId, clock, current),
				base: baseOf(change, current),
				at: new Date(clock()).toISOString()
			};
			const request: PushRequest = {
				protocol: PROTOCOL_VERSION,
				schemaVersion: SCHEMA_VERSION,
				clientId,
				deviceName: API_DEVICE_NAME,
				numbering,
				mutations: [mutation]
			};
			try {
				const response = await push(database, request, { scope: scopeOf(actor), now: clock });
				return response.results[0] as MutationResult;
			} catch (error) {
				const gap = error instanceof SyncRefusal && error.code === 'mutation-gap';
				const stale = error instanceof SyncRefusal && error.code === 'numbering-stale';
				if (!(gap || stale) || attempt >= GAP_RETRIES) throw error;
				if (gap && error.expectedMutationId === undefined) throw error;
				if (gap) next = error.expectedMutationId as number;
				numbering = error.numbering ?? numbering;
			}
		}
	});
}

/** The number the client's next change takes, and its numbering (see sync/push). */
async function clientState(
	database: SyncDatabase,
	clientId: string
): Promise<{ next: number; numbering: number }> {
	const row = await database.db
		.selectFrom('sync_client')
		.select(['last_mutation_id', 'gaps_answered'])
		.where('id', '=', clientId)
		.executeTakeFirst();
	return { next: Number(row?.last_mutation_id ?? 0) + 1, numbering: Number(row?.gaps_answered ?? 0) };
}
