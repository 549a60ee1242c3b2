import { refusal, type Refusal } from './refusal';

/** What the cross-site check needs to know about a request. */
export interface RequestOrigin {
	contentType: string | null;
	origin: string | null;
	secFetchSite: string | null;
	/** This server's own origin (scheme://host[:port]); a browser's Origin must match it. */
	serverOrigin: string;
}

export const changesState = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

export function requestOrigin(request: Request, serverOrigin: string): RequestOrigin {
	return {
		contentType: request.headers.get('content-type'),
		origin: request.headers.get('origin'),
		secFetchSite: request.headers.get('sec-fetch-site'),
		serverOrigin
	};
}

/**
 * S07, for every request that changes anything: JSON only, and from Fellside itself. SvelteKit's
 * own CSRF check covers only form content types, and a cross-site form or `text/plain` post
 * needs no CORS preflight, so both are refused here; a browser's `Sec-Fetch-Site` and `Origin`
 * say where a request came from. Used by the server hook for every API route and by sync's
 * in-process entry point, so the rule lives in one place.
 */
export function checkChangeRequest(info: RequestOrigin): Refusal | undefined {
	const mediaType = info.contentType?.split(';')[0]?.trim().toLowerCase();
	if (mediaType !== 'application/json') {
		return refusal(
			415,
			'unsupported-media-type',
			'Requests that change anything must be sent as JSON (Content-Type: application/json).'
		);
	}
	const site = info.secFetchSite?.toLowerCase();
	if (
		(site && site !== 'same-origin' && site !== 'none') ||
		(info.origin && info.origin !== info.serverOrigin)
	) {
		return refusal(
			403,
			'forbidden',
			'Requests that change anything must come from Fellside itself, not from another website.'
		);
	}
	return undefined;
}
