import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import type { SignedIn } from '$lib/server/api/context';
import { sessionPolicy } from '$lib/server/api/context';
import { changesState, checkChangeRequest, requestOrigin } from '$lib/server/api/guard';
import { refusalResponse } from '$lib/server/api/refusal';
import { sessionToken } from '$lib/server/auth/cookie';
import { accountDisabled } from '$lib/server/auth/disabled';
import { disabledSessionOwner, resolveSession } from '$lib/server/auth/sessions';
import { ConfigError } from '$lib/server/config';
import { getRuntime, startRuntime, stopRuntime } from '$lib/server/runtime';
import { securityHeaders } from '$lib/server/security/headers';

export const init: ServerInit = async () => {
	// The build analyses and prerenders routes; it must never touch a database.
	if (building) return;
	try {
		await startRuntime(process.env);
	} catch (error) {
		// A wrong environment is the operator's to fix: one clear line, no stack trace.
		const message = error instanceof Error ? error.message : String(error);
		console.error(`Fellside cannot start: ${message}`);
		if (!(error instanceof ConfigError) && error instanceof Error) console.error(error.stack);
		process.exit(1);
	}
	process.once('sveltekit:shutdown', () => void stopRuntime());
};

/**
 * The session an API request's cookie stands for, if it is still good; or the answer that tells a
 * disabled person's device to wipe their data, for any API call but a fresh sign-in (S12).
 */
async function sessionOf(event: RequestEvent): Promise<SignedIn | Response | null> {
	const { config, database } = getRuntime();
	const token = sessionToken({ secure: config.auth.secureCookie }, event.request.headers.get('cookie'));
	if (!token) return null;
	const session = await resolveSession(database.db, token, new Date(), sessionPolicy(config.auth));
	if (session || event.url.pathname === '/api/v1/auth/sign-in') return session;
	return (await disabledSessionOwner(database.db, token)) ? refusalResponse(accountDisabled()) : null;
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.session = null;
	let response: Response | undefined;
	if (event.url.pathname.startsWith('/api/') && !building) {
		// S07 for every API route that changes anything, before any of them runs.
		const refused = changesState(event.request.method)
			? checkChangeRequest(requestOrigin(event.request, event.url.origin))
			: undefined;
		const session = refused ? null : await sessionOf(event);
		if (refused) response = refusalResponse(refused);
		else if (session instanceof Response) response = session;
		else event.locals.session = session;
	}
	response ??= await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(process.env.ORIGIN))) {
		// SvelteKit's own, fuller Content-Security-Policy on a page stays.
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// API answers carry personal data and must always be live: never stored by any cache.
	if (event.url.pathname.startsWith('/api/')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message };
	const reference = randomUUID().slice(0, 8);
	console.error(`[error ${reference}]`, error);
	return { message: 'Something went wrong on the server. Please try again.', reference };
};
