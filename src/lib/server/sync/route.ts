import type { ApiContext } from '../api/context';
import { requestOrigin } from '../api/guard';
import { readBody } from '../api/json-body';
import { jsonResponse, jsonTextResponse } from '../api/refusal';
import { BODY_LIMITS, handleSync, type SyncEndpoint } from './http';
import { WAIT_FOR_EARLIER_MS } from './push';

/** The HTTP side of a sync endpoint: read the body (never more than the limit), answer as JSON. */
export async function syncRoute(
	endpoint: SyncEndpoint,
	request: Request,
	context: ApiContext
): Promise<Response> {
	const body = await readBody(request, BODY_LIMITS[endpoint]);
	const answer = await handleSync(
		endpoint,
		body,
		{ ...requestOrigin(request, context.serverOrigin), actor: context.session?.actor ?? null },
		{ database: context.store, now: () => context.now().getTime(), waitForEarlierMs: WAIT_FOR_EARLIER_MS }
	);
	return answer.json === undefined
		? jsonResponse(answer.body, answer.status)
		: jsonTextResponse(answer.json, answer.status);
}
