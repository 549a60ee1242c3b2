import { setDisabledRoute } from '$lib/server/admin/routes';
import { apiContext } from '$lib/server/api/event';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => setDisabledRoute(apiContext(event), event.params.id, false);
