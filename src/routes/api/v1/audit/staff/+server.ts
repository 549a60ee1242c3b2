import { apiContext } from '$lib/server/api/event';
import { auditStaffRoute } from '$lib/server/audit/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => auditStaffRoute(apiContext(event));
