import { createStaffRoute, listStaffRoute } from '$lib/server/admin/routes';
import { apiContext } from '$lib/server/api/event';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => listStaffRoute(apiContext(event));
export const POST: RequestHandler = (event) => createStaffRoute(event.request, apiContext(event));
