import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { ConfigError } from '$lib/server/config';
import { startRuntime, stopRuntime } from '$lib/server/runtime';

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

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'no-referrer');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=()');
	// adapter-node reports https whenever ORIGIN is unset, so trust only the configured origin.
	if (process.env.ORIGIN?.startsWith('https://')) {
		headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	}
	// API answers carry personal data and must always be live: never stored by any cache.
	if (event.url.pathname.startsWith('/api/')) headers.set('Cache-Control', 'no-store');
	return response;
};

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message };
	const reference = randomUUID().slice(0, 8);
	console.error(`[error ${reference}]`, error);
	return { message: 'Something went wrong on the server. Please try again.', reference };
};
