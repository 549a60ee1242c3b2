import { getStaffRoute, updateStaffRoute } from '$lib/server/admin/routes';
import { apiContext } from '$lib/server/api/event';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => getStaffRoute(apiContext(event), event.params.id);
export const PATCH: RequestHandler = (event) =>
	updateStaffRoute(event.request, apiContext(event), event.params.id);
