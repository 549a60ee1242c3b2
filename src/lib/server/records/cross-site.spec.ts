import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handle } from '../../../hooks.server';

const ORIGIN = 'http://localhost:3000';

/** The request as the server hook receives it; resolving it (running the route) must not happen. */
async function throughHook(method: string, path: string, headers: Record<string, string>) {
	const request = new Request(`${ORIGIN}${path}`, { method, headers, body: '{}' });
	const event = { url: new URL(request.url), request, locals: {} } as unknown as RequestEvent;
	return handle({
		event,
		resolve: () => {
			throw new Error('the route ran');
		}
	});
}

describe('the record endpoints behind the cross-site guard (S07)', () => {
	const id = '00000000-0000-4000-8000-000000000001';
	it.each([
		['POST', '/api/v1/records/visit'],
		['PATCH', `/api/v1/records/visit/${id}`],
		['POST', `/api/v1/records/visit/${id}/archive`],
		['POST', `/api/v1/records/visit/${id}/restore`]
	])('%s %s from another website is refused before the route runs', async (method, path) => {
		const json = { 'content-type': 'application/json', origin: 'https://evil.example' };
		const crossSite = await throughHook(method, path, { ...json, 'sec-fetch-site': 'cross-site' });
		expect(crossSite.status).toBe(403);
		expect(crossSite.headers.get('cache-control')).toBe('no-store');
		const form = await throughHook(method, path, { 'content-type': 'text/plain' });
		expect(form.status).toBe(415);
	});
});
