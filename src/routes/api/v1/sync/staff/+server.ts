import { apiContext } from '$lib/server/api/event';
import { syncRoute } from '$lib/server/sync/route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => syncRoute('staff', event.request, apiContext(event));
