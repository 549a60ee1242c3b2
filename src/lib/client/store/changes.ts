import { compareHlc, type Hlc } from '$lib/domain/sync/hlc';
import { ARCHIVED_KEY, AREA_KEY } from '$lib/domain/sync/protocol';
import type { OutboxEntry, RecordFields } from './database';

/** The version keys a change writes: its data fields, `@area` if it moves the record, `@archived` if it archives or restores. */
export function keysWritten(entry: Pick<OutboxEntry, 'op' | 'set' | 'area'>): string[] {
	const keys = Object.keys(entry.set);
	if (entry.area) keys.push(AREA_KEY);
	if (entry.op === 'archive' || entry.op === 'restore') keys.push(ARCHIVED_KEY);
	return keys;
}

/**
 * The versions a change is based on: what the device had for each key it touches, and always
 * `@archived` (an archive is based on every key, so an unseen edit elsewhere is a conflict).
 */
export function baseFor(
	record: Pick<RecordFields, 'versions'> | undefined,
	change: Pick<OutboxEntry, 'op' | 'set' | 'area'>
): Record<string, Hlc | null> {
	const keys = new Set([...keysWritten(change), ARCHIVED_KEY]);
	if (change.op === 'archive' && record) {
		for (const key of Object.keys(record.versions)) keys.add(key);
		keys.add(AREA_KEY);
	}
	return Object.fromEntries([...keys].map((key) => [key, record?.versions[key] ?? null]));
}

/**
 * Changes applied to a record in order, each key only where the change is newer than the
 * record's version of it: the server's rule, so a device shows what the server will end with
 * (a pending change older than an edit another device made wins on neither side).
 */
export function applyChanges(record: RecordFields, entries: readonly OutboxEntry[]): RecordFields {
	const next: RecordFields = { ...record, data: { ...record.data }, versions: { ...record.versions } };
	const newer = (key: string, hlc: Hlc) => {
		// Own keys only: a field named like `constructor` must not find Object.prototype's.
		const version = Object.hasOwn(next.versions, key) ? next.versions[key] : undefined;
		if (version && compareHlc(hlc, version) <= 0) return false;
		next.versions[key] = hlc;
		return true;
	};
	for (const entry of entries) {
		let touched = false;
		for (const [key, value] of Object.entries(entry.set)) {
			if (!newer(key, entry.hlc)) continue;
			touched = true;
			if (value === null || value === undefined) delete next.data[key];
			else next.data[key] = value;
		}
		if (entry.area && newer(AREA_KEY, entry.hlc)) {
			touched = true;
			next.areaId = entry.area;
		}
		if ((entry.op === 'archive' || entry.op === 'restore') && newer(ARCHIVED_KEY, entry.hlc)) {
			touched = true;
			if (entry.op === 'archive') next.archivedAt = entry.at;
			else delete next.archivedAt;
		}
		if (touched && entry.at > next.updatedAt) next.updatedAt = entry.at;
	}
	return next;
}

/** What a change does, before it is stamped and queued. */
export type Change = Pick<OutboxEntry, 'op' | 'set' | 'area'>;

/**
 * A person's new change to a record whose earlier changes the server refused, as the entries to
 * queue instead: the refused changes and the new one become one change holding the record's
 * current value of every key any of them touched, based on what the device knew before the first
 * ("fix and resend"). A record whose first save was refused is sent as a create again.
 */
export function foldRefused(
	refused: readonly OutboxEntry[],
	entry: OutboxEntry,
	current: RecordFields,
	stamp: (change: Change) => OutboxEntry
): OutboxEntry[] {
	if (refused.length === 0) return [entry];
	const all = [...refused, entry];
	const after = applyChanges(current, [entry]);
	const resolves = [...new Set(all.flatMap((e) => e.resolves ?? []))];
	const withResolves = (folded: OutboxEntry) => (resolves.length > 0 ? { ...folded, resolves } : folded);

	if (refused.some((e) => e.op === 'create')) {
		const set = { ...after.data };
		const base = Object.fromEntries([...Object.keys(set), AREA_KEY, ARCHIVED_KEY].map((key) => [key, null]));
		const create = withResolves({ ...entry, op: 'create', set, area: after.areaId, base });
		return after.archivedAt ? [create, stamp({ op: 'archive', set: {} })] : [create];
	}

	const keys = new Set(all.flatMap((e) => Object.keys(e.set)));
	const set = Object.fromEntries([...keys].map((key) => [key, after.data[key] ?? null]));
	const archiving = all.some((e) => e.op === 'archive' || e.op === 'restore');
	const change: Change = { op: archiving ? (after.archivedAt ? 'archive' : 'restore') : entry.op, set };
	if (all.some((e) => e.area)) change.area = after.areaId;
	// Each key's base is the earliest change's: what the device knew before the person's first try.
	const base = baseFor(current, change);
	for (const earlier of [...refused].reverse()) Object.assign(base, earlier.base);
	return [withResolves({ ...entry, ...change, base })];
}
