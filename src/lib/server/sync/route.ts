import { getRuntime } from '../runtime';
import { BODY_LIMITS, handleSync, type SyncEndpoint } from './http';

/** The HTTP side of a sync endpoint: read the body (never more than the limit), answer as JSON. */
export async function syncRoute(endpoint: SyncEndpoint, request: Request, url: URL): Promise<Response> {
	const { config, database } = getRuntime();
	const body = await readBody(request, BODY_LIMITS[endpoint]);
	const answer = await handleSync(
		endpoint,
		body,
		{
			contentType: request.headers.get('content-type'),
			origin: request.headers.get('origin'),
			secFetchSite: request.headers.get('sec-fetch-site'),
			serverOrigin: url.origin
		},
		{ database, open: config.seed === 'demo' }
	);
	return new Response(JSON.stringify(answer.body), {
		status: answer.status,
		headers: { 'content-type': 'application/json' }
	});
}

/**
 * The body's bytes, reading at most one byte past `limit`: a body that long is refused by its
 * size, and a huge one is never held in memory. The server's own cap (BODY_SIZE_LIMIT) may stop
 * the stream first; that is answered the same way, as a body over the limit.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
			size += value.byteLength;
			if (size > limit) {
				await reader.cancel();
				break;
			}
		}
	} catch (error) {
		if ((error as { status?: unknown }).status !== 413) throw error;
		return new Uint8Array(limit + 1);
	}
	return Buffer.concat(parts);
}
