import { auditQuerySchema } from '$lib/domain/audit';
import { requireStaff } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { isRefusal, jsonResponse, refusalResponse } from '../api/refusal';
import { validateInput } from '../api/validate';
import { searchAudit } from './search';

/** GET /api/v1/audit?action=&staffId=&deviceId=&targetId=&from=&to=&before=&limit= (managers and administrators). */
export async function auditRoute(url: URL, context: ApiContext): Promise<Response> {
	const actor = await requireStaff(context, ['manager', 'admin'], 'search the audit log');
	if (actor instanceof Response) return actor;
	const query = validateInput(auditQuerySchema, Object.fromEntries(url.searchParams));
	if (isRefusal(query)) return refusalResponse(query);
	return jsonResponse(await searchAudit(context.store.db, query.data));
}
