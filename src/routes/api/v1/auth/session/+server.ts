import { apiContext } from '$lib/server/api/event';
import { sessionRoute } from '$lib/server/auth/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => sessionRoute(apiContext(event));
