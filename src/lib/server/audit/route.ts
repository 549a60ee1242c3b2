import { auditQuerySchema } from '$lib/domain/audit';
import { requireStaff } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { isRefusal, jsonResponse, refusalResponse } from '../api/refusal';
import { validateInput } from '../api/validate';
import { searchAudit, type AuditReach } from './search';
import type { Actor } from '../auth/actor';
import type { AreaId } from '$lib/domain/areas';

/** GET /api/v1/audit?action=&staffId=&deviceId=&targetId=&from=&to=&before=&limit= (managers, for their areas, and administrators). */
export async function auditRoute(url: URL, context: ApiContext): Promise<Response> {
	const actor = await requireStaff(context, ['manager', 'admin'], 'search the audit log');
	if (actor instanceof Response) return actor;
	const query = validateInput(auditQuerySchema, Object.fromEntries(url.searchParams));
	if (isRefusal(query)) return refusalResponse(query);
	return jsonResponse(await searchAudit(context.store.db, query.data, await reachOf(context, actor)));
}

/** Administrators see the whole log; a manager sees their areas and the staff who work in them. */
async function reachOf(context: ApiContext, actor: Actor): Promise<AuditReach> {
	if (actor.role === 'admin') return { everything: true };
	const staff = await context.store.db.selectFrom('staff').select(['id', 'area_ids']).execute();
	const staffIds = staff
		.filter((row) =>
			(JSON.parse(row.area_ids) as string[]).some((area) => actor.areaIds.includes(area as AreaId))
		)
		.map((row) => row.id);
	return { everything: false, areaIds: actor.areaIds, staffIds };
}
