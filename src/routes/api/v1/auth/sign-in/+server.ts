import { apiContext } from '$lib/server/api/event';
import { signInRoute } from '$lib/server/auth/routes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => signInRoute(event.request, apiContext(event));
