import { resetPasswordRoute } from '$lib/server/admin/routes';
import { apiContext } from '$lib/server/api/event';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	resetPasswordRoute(event.request, apiContext(event), event.params.id);
