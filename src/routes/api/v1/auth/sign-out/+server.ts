import { apiContext } from '$lib/server/api/event';
import { signOutRoute } from '$lib/server/auth/routes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => signOutRoute(apiContext(event));
