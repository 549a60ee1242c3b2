import { apiContext } from '$lib/server/api/event';
import { auditVerifyRoute } from '$lib/server/audit/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => auditVerifyRoute(apiContext(event));
