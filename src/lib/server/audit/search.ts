import type { Kysely, Selectable } from 'kysely';
import type { AuditDetails, AuditEntry, AuditPage, AuditQuery } from '$lib/domain/audit';
import type { AuditLogTable, Database } from '../db/schema';

/** A page of the audit log, newest first, filtered as asked. */
export async function searchAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
	let select = db.selectFrom('audit_log').selectAll();
	if (query.action) select = select.where('action', '=', query.action);
	if (query.staffId) select = select.where('staff_id', '=', query.staffId);
	if (query.deviceId) select = select.where('device_id', '=', query.deviceId);
	if (query.targetId) select = select.where('target_id', '=', query.targetId);
	// ISO-8601 UTC text compares in time order; both bounds are normalised to the stored form.
	if (query.from) select = select.where('at', '>=', new Date(query.from).toISOString());
	if (query.to) select = select.where('at', '<=', new Date(query.to).toISOString());
	if (query.before) select = select.where('seq', '<', query.before);
	const rows = await select
		.orderBy('seq', 'desc')
		.limit(query.limit + 1)
		.execute();
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return {
		entries: page.map(entryFromRow),
		next: rows.length > query.limit && last ? Number(last.seq) : null
	};
}

export function entryFromRow(row: Selectable<AuditLogTable>): AuditEntry {
	return {
		seq: Number(row.seq),
		at: row.at,
		action: row.action as AuditEntry['action'],
		staffId: row.staff_id,
		deviceId: row.device_id,
		ip: row.ip,
		targetType: row.target_type,
		targetId: row.target_id,
		areaId: row.area_id,
		details: JSON.parse(row.details) as AuditDetails,
		hash: row.hash
	};
}
