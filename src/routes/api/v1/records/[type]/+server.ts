import { apiContext } from '$lib/server/api/event';
import { createRecordRoute, listRecordsRoute } from '$lib/server/records/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	listRecordsRoute(event.url, apiContext(event), event.params.type);
export const POST: RequestHandler = (event) =>
	createRecordRoute(event.request, apiContext(event), event.params.type);
