import { apiContext } from '$lib/server/api/event';
import { readRecordRoute, updateRecordRoute } from '$lib/server/records/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	readRecordRoute(apiContext(event), event.params.type, event.params.id);
export const PATCH: RequestHandler = (event) =>
	updateRecordRoute(event.request, apiContext(event), event.params.type, event.params.id);
