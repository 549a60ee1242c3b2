import type { SyncDetails } from '$lib/client/sync/ui/sync-details';
import type { OutboxEntry, StoredRecord } from '$lib/client/store/database';
import { kindOf } from '$lib/domain/record-kinds';
import { RECORD_TYPE_LABELS, type RecordType } from '$lib/domain/records';
import { decodeHlc } from '$lib/domain/sync/hlc';
import { ARCHIVED_KEY, AREA_KEY, type Conflict, type ConflictSide } from '$lib/domain/sync/protocol';
import { describeValue, fieldLabel, isFreeText } from './fields';
import { editHref, recordHref } from './links';

/** A record as the sync screens name it: its type, its title and where it opens. */
export interface RecordLine {
	recordId: string;
	type: RecordType;
	typeLabel: string;
	title: string;
	/** Null when the record is not on this device (or cannot be placed). */
	href: string | null;
}

function recordLine(recordId: string, type: RecordType, record: StoredRecord | undefined): RecordLine {
	const typeLabel = RECORD_TYPE_LABELS[type].one;
	let title = `${typeLabel} (not on this device)`;
	if (record) {
		try {
			title = kindOf(type).title(record.data) || typeLabel;
		} catch {
			// Data from an older or newer version: still listed, under its type's name.
			title = typeLabel;
		}
	}
	return { recordId, type, typeLabel, title, href: record ? recordHref(record) : null };
}

/** "New record", "Archived", "Changed: name, notes": what one or more changes did, in words. */
export function whatChanged(
	entries: readonly Pick<OutboxEntry, 'op' | 'set' | 'area' | 'type' | 'resolves'>[]
): string {
	const type = entries[0]?.type;
	if (!type) return '';
	const fields = new Set<string>();
	const moves: string[] = [];
	for (const entry of entries) {
		for (const field of Object.keys(entry.set)) fields.add(fieldLabel(type, field).toLowerCase());
		if (entry.area && entry.op !== 'create') fields.add(fieldLabel(type, AREA_KEY).toLowerCase());
		if (entry.op === 'archive') moves.push('Archived');
		if (entry.op === 'restore') moves.push('Restored');
	}
	if (entries.some((e) => e.op === 'create')) return 'New record';
	const parts = [...new Set(moves)];
	if (fields.size > 0) parts.push(`Changed: ${[...fields].join(', ')}`);
	if (parts.length === 0 && entries.some((e) => e.resolves?.length)) parts.push('Conflict settled');
	return parts.join('. ');
}

export interface WaitingItem extends RecordLine {
	what: string;
	changes: number;
	/** When the oldest of its waiting changes was made. */
	since: string;
}

/** Waiting changes, one line per record, oldest first. */
export function waitingItems(details: Pick<SyncDetails, 'waiting' | 'records'>): WaitingItem[] {
	const byRecord = new Map<string, OutboxEntry[]>();
	for (const entry of details.waiting) {
		const list = byRecord.get(entry.recordId) ?? [];
		list.push(entry);
		byRecord.set(entry.recordId, list);
	}
	return [...byRecord.values()].map((entries) => {
		const first = entries[0] as OutboxEntry;
		return {
			...recordLine(first.recordId, first.type, details.records.get(first.recordId)),
			what: whatChanged(entries),
			changes: entries.length,
			since: first.at
		};
	});
}

export interface RefusedItem extends RecordLine {
	/** The refused row's id on the device, to discard it. */
	id: number;
	what: string;
	/**
	 * Why, in words: each field the server named with its label ("Consent to publish: …"), or the
	 * server's reason as given when it named none.
	 */
	why: string[];
	editHref: string | null;
	at: string;
}

export function refusedItems(details: Pick<SyncDetails, 'refused' | 'records'>): RefusedItem[] {
	return details.refused.map((row) => {
		const { entry } = row;
		const record = details.records.get(entry.recordId);
		return {
			...recordLine(entry.recordId, entry.type, record),
			id: row.id as number,
			what: whatChanged([entry]),
			why: row.errors?.length
				? row.errors.map((e) =>
						e.path ? `${fieldLabel(entry.type, e.path.split('.')[0] as string)}: ${e.message}` : e.message
					)
				: [row.reason],
			editHref: record ? editHref(record) : null,
			at: row.at
		};
	});
}

export interface SideView {
	value: unknown;
	/** The value in words. */
	text: string;
	/** Which device made it: its name, "this device", or "another device". */
	who: string;
	/** When it was made (ISO), from its clock stamp. */
	when: string;
}

export interface ConflictItem extends RecordLine {
	conflict: Conflict;
	field: string;
	fieldLabel: string;
	/** The value every device holds now, then the one that lost. */
	kept: SideView;
	other: SideView;
	/** A person may type a new value rather than choose one. */
	editable: boolean;
	/** Whether the record is archived on this device now. */
	archived: boolean;
}

function side(type: RecordType, field: string, s: ConflictSide, clientId: string | null): SideView {
	const who = s.clientId === clientId ? 'This device' : (s.deviceName ?? 'Another device');
	let when = '';
	try {
		when = new Date(decodeHlc(s.hlc).ms).toISOString();
	} catch {
		// A stamp this version cannot read: the time is left out, the value still shows.
	}
	return { value: s.value, text: describeValue(type, field, s.value), who, when };
}

export function conflictItems(
	details: Pick<SyncDetails, 'conflicts' | 'records' | 'clientId'>
): ConflictItem[] {
	return details.conflicts.map((conflict) => {
		const { type, field } = conflict;
		const record = details.records.get(conflict.recordId);
		return {
			...recordLine(conflict.recordId, type, record),
			conflict,
			field,
			fieldLabel: fieldLabel(type, field),
			kept: side(type, field, conflict.kept, details.clientId),
			other: side(type, field, conflict.other, details.clientId),
			editable: field !== ARCHIVED_KEY && isFreeText(type, field),
			archived: !!record?.archivedAt
		};
	});
}
