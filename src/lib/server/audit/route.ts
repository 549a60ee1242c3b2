import { auditQuerySchema, type AuditPerson } from '$lib/domain/audit';
import type { AreaId } from '$lib/domain/areas';
import { requireStaff } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { isRefusal, jsonResponse, refusalResponse } from '../api/refusal';
import { validateInput } from '../api/validate';
import type { Actor } from '../auth/actor';
import { searchAudit, type AuditReach } from './search';
import { verifyAuditChain } from './verify';

const SEARCHERS = ['manager', 'admin'] as const;
const SEARCH = 'search the audit log';

/** GET /api/v1/audit?action=&staffId=&deviceId=&targetId=&from=&to=&before=&limit= (managers, for their areas, and administrators). */
export async function auditRoute(url: URL, context: ApiContext): Promise<Response> {
	const actor = await requireStaff(context, SEARCHERS, SEARCH);
	if (actor instanceof Response) return actor;
	const query = validateInput(auditQuerySchema, Object.fromEntries(url.searchParams));
	if (isRefusal(query)) return refusalResponse(query);
	// Administrators see the whole log; a manager their areas and the staff who work in them.
	const reach: AuditReach =
		actor.role === 'admin'
			? { everything: true }
			: {
					everything: false,
					areaIds: actor.areaIds,
					staffIds: (await peopleInReach(context, actor)).map((s) => s.id)
				};
	return jsonResponse(await searchAudit(context.store.db, query.data, reach));
}

/** GET /api/v1/audit/staff: the staff a searcher may filter the log by, by name. */
export async function auditStaffRoute(context: ApiContext): Promise<Response> {
	const actor = await requireStaff(context, SEARCHERS, SEARCH);
	if (actor instanceof Response) return actor;
	return jsonResponse({ staff: await peopleInReach(context, actor) });
}

/** GET /api/v1/audit/verify: whether the hash chain is intact (administrators). */
export async function auditVerifyRoute(context: ApiContext): Promise<Response> {
	const actor = await requireStaff(context, ['admin'], 'check the audit log');
	if (actor instanceof Response) return actor;
	return jsonResponse(await verifyAuditChain(context.store.db, context.auditKeys));
}

/** Everyone, for an administrator; for a manager, the staff who share one of their areas. */
async function peopleInReach(context: ApiContext, actor: Actor): Promise<AuditPerson[]> {
	const rows = await context.store.db
		.selectFrom('staff')
		.select(['id', 'display_name', 'username', 'area_ids'])
		.orderBy('display_name')
		.orderBy('username')
		.execute();
	const shares = (row: (typeof rows)[number]) =>
		(JSON.parse(row.area_ids) as string[]).some((area) => actor.areaIds.includes(area as AreaId));
	return rows
		.filter((row) => actor.role === 'admin' || shares(row))
		.map((row) => ({ id: row.id, displayName: row.display_name, username: row.username }));
}
