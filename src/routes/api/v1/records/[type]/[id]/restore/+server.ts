import { apiContext } from '$lib/server/api/event';
import { archiveRecordRoute } from '$lib/server/records/routes';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	archiveRecordRoute(apiContext(event), event.params.type, event.params.id, false);
