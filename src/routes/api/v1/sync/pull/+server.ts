import { syncRoute } from '$lib/server/sync/route';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url }) => syncRoute('pull', request, url);
