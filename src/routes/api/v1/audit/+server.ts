import { apiContext } from '$lib/server/api/event';
import { auditRoute } from '$lib/server/audit/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => auditRoute(event.url, apiContext(event));
