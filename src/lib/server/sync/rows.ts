import type { Insertable, Selectable } from 'kysely';
import { assigneeOf } from '$lib/domain/access/facts';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType } from '$lib/domain/records';
import type { Hlc } from '$lib/domain/sync/hlc';
import type { Conflict, ConflictSide, SyncRecord } from '$lib/domain/sync/protocol';
import type { ConflictTable, RecordTable } from '../db/schema';

/** Stored rows ↔ the protocol's shapes. JSON columns are parsed here and nowhere else. */

export const recordFromRow = (row: Selectable<RecordTable>): SyncRecord =>
	recordFromText(recordTextFromRow(row));

/**
 * A stored record on its way to a device, its data and versions still the JSON text they are
 * stored as: a download of 10,000 records spent more of the server's time parsing those columns
 * and writing them out again than on anything else. `recordJson` writes it as its `SyncRecord`
 * would be written; `recordFromText` parses it for the callers that need its fields.
 */
export interface RecordText {
	id: string;
	type: RecordType;
	areaId: AreaId;
	createdAt: string;
	updatedAt: string;
	archivedAt: string | null;
	data: string;
	versions: string;
}

export function recordTextFromRow(row: Selectable<RecordTable>): RecordText {
	return {
		id: row.id,
		type: row.type as RecordType,
		areaId: row.area_id as AreaId,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		archivedAt: row.archived_at,
		data: objectText(row.data, row.id),
		versions: objectText(row.versions, row.id)
	};
}

export const recordFromText = (record: RecordText): SyncRecord => ({
	...record,
	data: JSON.parse(record.data) as Record<string, unknown>,
	versions: JSON.parse(record.versions) as Record<string, Hlc>
});

/** The record as JSON, exactly as `JSON.stringify(recordFromText(record))` would write it. */
export function recordJson(record: RecordText): string {
	const { id, type, areaId, createdAt, updatedAt, archivedAt, data, versions } = record;
	const text = JSON.stringify;
	return `{"id":${text(id)},"type":${text(type)},"areaId":${text(areaId)},"createdAt":${text(createdAt)},"updatedAt":${text(updatedAt)},"archivedAt":${text(archivedAt)},"data":${data},"versions":${versions}}`;
}

/**
 * A JSON object column, checked as far as it can be without parsing it. Only this server writes
 * these columns, always with JSON.stringify; a column cut short fails here rather than reaching a
 * device, but damage inside an object would pass (finding it would need the parse this avoids).
 */
function objectText(text: string, recordId: string): string {
	if (text.startsWith('{') && text.endsWith('}')) return text;
	throw new Error(`Record ${recordId} holds a damaged data or versions column`);
}

/** A record as stored; who it is assigned to is read from its data on every write. */
export function recordToRow(record: SyncRecord, createdBy: string | null): Insertable<RecordTable> {
	return {
		id: record.id,
		type: record.type,
		area_id: record.areaId,
		data: JSON.stringify(record.data),
		versions: JSON.stringify(record.versions),
		created_at: record.createdAt,
		updated_at: record.updatedAt,
		archived_at: record.archivedAt,
		created_by: createdBy,
		assigned_to: assigneeOf(record.type, record.data)
	};
}

export function conflictFromRow(row: Selectable<ConflictTable>): Conflict {
	return {
		id: row.id,
		recordId: row.record_id,
		type: row.type as RecordType,
		areaId: row.area_id as AreaId,
		field: row.field,
		status: row.status,
		kept: JSON.parse(row.kept) as ConflictSide,
		other: JSON.parse(row.other) as ConflictSide,
		detectedAt: row.detected_at,
		resolvedAt: row.resolved_at,
		resolvedBy: row.resolved_by
	};
}

export function conflictToRow(conflict: Conflict): Insertable<ConflictTable> {
	return {
		id: conflict.id,
		record_id: conflict.recordId,
		type: conflict.type,
		area_id: conflict.areaId,
		field: conflict.field,
		status: conflict.status,
		kept: JSON.stringify(conflict.kept),
		other: JSON.stringify(conflict.other),
		detected_at: conflict.detectedAt,
		resolved_at: conflict.resolvedAt,
		resolved_by: conflict.resolvedBy
	};
}
