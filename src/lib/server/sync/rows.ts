import type { Insertable, Selectable } from 'kysely';
import { assigneeOf } from '$lib/domain/access/facts';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType } from '$lib/domain/records';
import type { Hlc } from '$lib/domain/sync/hlc';
import type { Conflict, ConflictSide, SyncRecord } from '$lib/domain/sync/protocol';
import type { ConflictTable, RecordTable } from '../db/schema';

/** Stored rows ↔ the protocol's shapes. JSON columns are parsed here and nowhere else. */

export function recordFromRow(row: Selectable<RecordTable>): SyncRecord {
	return {
		id: row.id,
		type: row.type as RecordType,
		areaId: row.area_id as AreaId,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		archivedAt: row.archived_at,
		data: JSON.parse(row.data) as Record<string, unknown>,
		versions: JSON.parse(row.versions) as Record<string, Hlc>
	};
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
