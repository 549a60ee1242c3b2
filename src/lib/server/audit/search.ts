import type { Kysely, Selectable } from 'kysely';
import type { AuditDetails, AuditEntry, AuditPage, AuditQuery } from '$lib/domain/audit';
import type { AuditLogTable, Database } from '../db/schema';

/**
 * What of the log a searcher may see: everything, or (for a manager) what happened to records in
 * their areas, and what their own staff did that concerns no area (sign-ins, syncs).
 */
export type AuditReach =
	{ everything: true } | { everything: false; areaIds: readonly string[]; staffIds: readonly string[] };

const EVERYTHING: AuditReach = { everything: true };

/** A page of the audit log, newest first, filtered as asked and limited to the searcher's reach. */
export async function searchAudit(
	db: Kysely<Database>,
	query: AuditQuery,
	reach: AuditReach = EVERYTHING
): Promise<AuditPage> {
	let select = db.selectFrom('audit_log').selectAll();
	if (!reach.everything) {
		const { areaIds, staffIds } = reach;
		if (areaIds.length === 0 && staffIds.length === 0) return { entries: [], next: null, staffNames: {} };
		select = select.where((eb) =>
			eb.or([
				...(areaIds.length ? [eb('area_id', 'in', areaIds)] : []),
				...(staffIds.length ? [eb.and([eb('area_id', 'is', null), eb('staff_id', 'in', staffIds)])] : [])
			])
		);
	}
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
		next: rows.length > query.limit && last ? Number(last.seq) : null,
		staffNames: await staffNames(db, page)
	};
}

/** Names for the screen: who acted, and whose account a staff action changed. */
async function staffNames(
	db: Kysely<Database>,
	rows: readonly Selectable<AuditLogTable>[]
): Promise<Record<string, string>> {
	const ids = new Set<string>();
	for (const row of rows) {
		if (row.staff_id) ids.add(row.staff_id);
		if (row.target_type === 'staff' && row.target_id) ids.add(row.target_id);
	}
	if (ids.size === 0) return {};
	const named = await db
		.selectFrom('staff')
		.select(['id', 'display_name'])
		.where('id', 'in', [...ids])
		.execute();
	return Object.fromEntries(named.map((row) => [row.id, row.display_name]));
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
