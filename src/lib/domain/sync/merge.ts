import { sameValue } from '../common/equality';
import type { FieldError } from '../common/errors';
import { clampHlc, compareHlc, nodeOf, type Hlc } from './hlc';
import { ARCHIVED_KEY, AREA_KEY, type Mutation, type SyncRecord, type VersionKey } from './protocol';
import { checkRecordData } from './validate';

/** A conflict found while merging, before the server adds who made each side and stores it. */
export interface MergeConflict {
	field: VersionKey;
	kept: { value: unknown; hlc: Hlc };
	other: { value: unknown; hlc: Hlc };
}

export type MergeOutcome =
	| { status: 'applied'; record: SyncRecord; conflicts: MergeConflict[]; changed: boolean }
	| { status: 'rejected'; reason: string; errors?: FieldError[] };

export interface MergeContext {
	/** The device that sent the change. */
	clientId: string;
	/** The server's time, as an ISO string and in milliseconds. */
	now: string;
	nowMs: number;
}

const rejected = (reason: string, errors?: FieldError[]): MergeOutcome =>
	errors ? { status: 'rejected', reason, errors } : { status: 'rejected', reason };

/** A key's own value: a field named like `constructor` must not find Object.prototype's. */
const own = <T>(object: Record<string, T>, key: string): T | undefined =>
	Object.hasOwn(object, key) ? object[key] : undefined;

/**
 * Apply one device change to the server's copy of a record, field by field.
 *
 * A key is written *concurrently* when the server's version of it is neither the one the device
 * based its change on nor one the device wrote itself. Concurrent writes of different values keep
 * the later clock stamp (ties broken by client id, so the outcome is the same everywhere) and
 * raise a conflict holding both; equal values are no conflict. Archiving a record that another
 * device edited concurrently, or editing one another device archived, is a conflict on `@archived`.
 */
export function applyMutation(
	current: SyncRecord | undefined,
	mutation: Mutation,
	context: MergeContext
): MergeOutcome {
	const stamp = clampHlc(mutation.hlc, context.nowMs);
	if (!current) return create(mutation, stamp, context);
	if (current.type !== mutation.type)
		return rejected(`Record ${current.id} is a ${current.type}, not a ${mutation.type}`);

	const data = { ...current.data };
	const versions: Record<string, Hlc> = { ...current.versions };
	let areaId = current.areaId;
	let archivedAt = current.archivedAt;
	/** Something to store (a value or only a version); `valuesChanged` counts only values. */
	let changed = false;
	let valuesChanged = false;
	const conflicts: MergeConflict[] = [];

	const concurrent = (key: string): boolean => {
		const version = own(current.versions, key);
		if (!version) return false;
		return version !== (own(mutation.base, key) ?? null) && nodeOf(version) !== context.clientId;
	};
	const write = (key: VersionKey, next: unknown, now: unknown, set: (value: unknown) => void) => {
		const version = own(current.versions, key);
		if (sameValue(next ?? undefined, now ?? undefined)) {
			// The same value is no conflict, but the later stamp is kept: otherwise which value wins a
			// later concurrent write would depend on the order changes reached the server.
			if (version && compareHlc(stamp, version) > 0) {
				versions[key] = stamp;
				changed = true;
			}
			return;
		}
		if (version && concurrent(key)) {
			const incomingWins = compareHlc(stamp, version) > 0;
			const incoming = { value: next ?? null, hlc: stamp };
			const existing = { value: now ?? null, hlc: version };
			conflicts.push({
				field: key,
				kept: incomingWins ? incoming : existing,
				other: incomingWins ? existing : incoming
			});
			if (!incomingWins) return;
		}
		set(next);
		versions[key] = stamp;
		changed = true;
		valuesChanged = true;
	};

	for (const [key, value] of Object.entries(mutation.set)) {
		write(key, value, own(data, key), (next) => {
			if (next === null || next === undefined) delete data[key];
			else data[key] = next;
		});
	}
	if (mutation.area) write(AREA_KEY, mutation.area, areaId, (next) => (areaId = next as typeof areaId));

	const dataChanged = valuesChanged;
	if (mutation.op === 'archive' || mutation.op === 'restore') {
		const archive = mutation.op === 'archive';
		write(ARCHIVED_KEY, archive, archivedAt !== null, (next) => (archivedAt = next ? context.now : null));
		// Archived (by this change) while another device was editing: a person decides whether it
		// stays archived. Archiving a record that is already archived raises nothing.
		const archivedNow = current.archivedAt === null && archivedAt !== null;
		const unseen = archivedNow ? editsNotSeen(current, concurrent) : [];
		if (unseen.length > 0) {
			const edits = Object.fromEntries(unseen.map((key) => [key, own(current.data, key) ?? null]));
			const latest = unseen
				.map((key) => current.versions[key] as Hlc)
				.sort(compareHlc)
				.at(-1) as Hlc;
			conflicts.push({
				field: ARCHIVED_KEY,
				kept: { value: true, hlc: versions[ARCHIVED_KEY] ?? stamp },
				other: { value: edits, hlc: latest }
			});
		}
	} else if (dataChanged && current.archivedAt !== null && concurrent(ARCHIVED_KEY)) {
		// Edited while another device archived it: the edit is kept on the archived record.
		conflicts.push({
			field: ARCHIVED_KEY,
			kept: { value: true, hlc: current.versions[ARCHIVED_KEY] as Hlc },
			other: { value: mutation.set, hlc: stamp }
		});
	}

	if (!changed) return { status: 'applied', record: current, conflicts, changed: false };
	const check = checkRecordData(current.type, data);
	if (!check.ok) return rejected(check.reason, check.errors);
	const record: SyncRecord = {
		...current,
		areaId,
		archivedAt,
		data: check.data,
		versions,
		updatedAt: context.now
	};
	return { status: 'applied', record, conflicts, changed: true };
}

function create(mutation: Mutation, stamp: Hlc, context: MergeContext): MergeOutcome {
	if (mutation.op !== 'create')
		return rejected(
			'This record is not on the server, so this change cannot be applied. It may have been removed, or its first save was refused.'
		);
	if (!mutation.area) return rejected('A new record needs an area');
	const data = Object.fromEntries(Object.entries(mutation.set).filter(([, value]) => value !== null));
	const check = checkRecordData(mutation.type, data);
	if (!check.ok) return rejected(check.reason, check.errors);
	const versions = stampEveryKey(check.data, stamp);
	const createdAt = mutation.at < context.now ? mutation.at : context.now;
	const record: SyncRecord = {
		id: mutation.recordId,
		type: mutation.type,
		areaId: mutation.area,
		createdAt,
		updatedAt: context.now,
		archivedAt: null,
		data: check.data,
		versions
	};
	return { status: 'applied', record, conflicts: [], changed: true };
}

/** Versions for a record written whole at once: every data field and its area. */
export function stampEveryKey(data: Record<string, unknown>, stamp: Hlc): Record<string, Hlc> {
	const versions: Record<string, Hlc> = { [AREA_KEY]: stamp };
	for (const key of Object.keys(data)) versions[key] = stamp;
	return versions;
}

/** Data fields another device changed that the archiving device had not seen. */
function editsNotSeen(current: SyncRecord, concurrent: (key: string) => boolean): string[] {
	return Object.keys(current.versions).filter(
		(key) => key !== ARCHIVED_KEY && key !== AREA_KEY && concurrent(key)
	);
}
